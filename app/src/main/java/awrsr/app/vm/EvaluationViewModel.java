package awrsr.app.vm;

import awrsr.data.Dataset;
import awrsr.data.LeaveOneOutSplit;
import awrsr.eval.Evaluation;
import awrsr.eval.Metrics;
import awrsr.eval.Protocol;
import awrsr.eval.TestEvaluation;
import awrsr.infer.Recommender;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * Metrics of the loaded model beside the popularity baseline under both protocols (the same computation as
 * the command line's evaluate), and the per-user ranks of the true next item for error analysis.
 */
public final class EvaluationViewModel {
    /** One line of the metrics table. */
    /**
     * @param protocol "full" or "sampled"
     * @param protocolNote what the protocol ranks against, in words
     * @param metrics HR@k, NDCG@k and MRR by name
     */
    public record MetricsRow(String name, String protocol, String protocolNote, Map<String, Double> metrics) {
        static MetricsRow of(String name, Protocol protocol, Metrics metrics) {
            return new MetricsRow(name, protocol.id(), protocol == Protocol.FULL ? "all unseen items"
                    : Protocol.SAMPLED_NEGATIVES + " negatives", metrics.asMap());
        }
    }

    /**
     * One user of the per-user table: the rank (1-based) of their true next item under the full protocol.
     *
     * @param popularityRank the true item's rank in the popularity baseline's list (1-based)
     * @param otherRank its rank under the Compare tab's model (1-based; 0 when none is loaded or it lacks the item)
     * @param predicted the model's top item for this history (what it predicted instead when rank &gt; 1)
     * @param targetCount how often the true item occurs in the training data
     * @param targetGenres the true item's genres
     */
    public record UserRow(int user, int historyLength, int target, String targetTitle, int rank, int popularityRank,
                          int otherRank, int predicted, String predictedTitle, int targetCount,
                          List<String> targetGenres) {}

    /** A slice of the users (by history length, by how popular the true item is, by its genre) and its metrics. */
    public record SliceRow(String slice, int users, double hr10, double ndcg10, double mrr) {}

    /** What the users are sliced by. */
    public enum Dimension {
        HISTORY("History length"), POPULARITY("True item's training count"), GENRE("True item's genre");

        private final String label;

        Dimension(String label) {
            this.label = label;
        }

        @Override public String toString() { return label; }
    }

    /** Upper bounds (exclusive) of the history-length and training-count slices, and of the rank histogram's bars. */
    static final int[] HISTORY_BOUNDS = {10, 20, 50, 100, 200};
    static final int[] COUNT_BOUNDS = {1, 5, 20, 50, 100};
    static final int[] RANK_BOUNDS = {2, 6, 11, 21, 51, 101, 501, 1001};

    private final WorkbenchViewModel main;
    private final Executor fx;
    private final ObservableList<MetricsRow> metrics = FXCollections.observableArrayList();
    private final ObservableList<UserRow> users = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Not evaluated yet");
    private final javafx.beans.value.ObservableValue<Recommender> other;
    private final javafx.beans.property.ObjectProperty<Dimension> dimension =
            new javafx.beans.property.SimpleObjectProperty<>(Dimension.HISTORY);
    private final ObservableList<SliceRow> slices = FXCollections.observableArrayList();
    private final javafx.beans.property.IntegerProperty missedAt = new javafx.beans.property.SimpleIntegerProperty(0);
    private final javafx.beans.property.ObjectProperty<String> slice = new javafx.beans.property.SimpleObjectProperty<>();
    private final javafx.collections.transformation.FilteredList<UserRow> shown = new javafx.collections.transformation.FilteredList<>(users);
    private final ReadOnlyObjectWrapper<int[]> rankHistogram = new ReadOnlyObjectWrapper<>(new int[0]);

    /** @param other the Compare tab's model, whose rank of each true item the user table shows */
    public EvaluationViewModel(WorkbenchViewModel main, javafx.beans.value.ObservableValue<Recommender> other) {
        this.main = main;
        this.fx = main.fx();
        this.other = other;
        dimension.addListener((o, a, b) -> {
            slice.set(null);
            updateSlices();
        });
        missedAt.addListener((o, a, b) -> updateFilter());
        slice.addListener((o, a, b) -> updateFilter());
        main.modelProperty().addListener((o, a, b) -> clear());
        main.datasetProperty().addListener((o, a, b) -> clear());
    }

    public ObservableList<MetricsRow> metrics() { return metrics; }
    public ObservableList<UserRow> users() { return users; }
    /** The users the filters let through (missed at k, slice). */
    public ObservableList<UserRow> shownUsers() { return shown; }
    public javafx.beans.property.ObjectProperty<Dimension> dimensionProperty() { return dimension; }
    public ObservableList<SliceRow> slices() { return slices; }
    /** Show only users whose true item is not in the top k (0: all users). */
    public javafx.beans.property.IntegerProperty missedAtProperty() { return missedAt; }
    /** Show only the users of this slice of the current dimension (null: all). */
    public javafx.beans.property.ObjectProperty<String> sliceProperty() { return slice; }
    /** Users per rank bucket of {@link #rankBuckets()}. */
    public ReadOnlyObjectProperty<int[]> rankHistogramProperty() { return rankHistogram.getReadOnlyProperty(); }

    /** The rank histogram's bars: "1", "2-5", ..., "1001+". */
    public static List<String> rankBuckets() {
        return buckets(RANK_BOUNDS, 1);
    }

    private static List<String> buckets(int[] bounds, int from) {
        List<String> out = new ArrayList<>();
        int low = from;
        for (int b : bounds) {
            out.add(b - 1 == low ? String.valueOf(low) : low + "-" + (b - 1));
            low = b;
        }
        out.add(low + "+");
        return out;
    }

    private static int bucket(int[] bounds, int value) {
        int k = 0;
        while (k < bounds.length && value >= bounds[k]) {
            k++;
        }
        return k;
    }

    /** The slices a user falls in under a dimension (several genres for a multi-genre item). */
    List<String> slicesOf(UserRow u, Dimension d) {
        return switch (d) {
            case HISTORY -> List.of(buckets(HISTORY_BOUNDS, 1).get(bucket(HISTORY_BOUNDS, u.historyLength())));
            case POPULARITY -> List.of(buckets(COUNT_BOUNDS, 0).get(bucket(COUNT_BOUNDS, u.targetCount())));
            case GENRE -> u.targetGenres().isEmpty() ? List.of("(no genre listed)") : u.targetGenres();
        };
    }

    private void updateSlices() {
        Map<String, List<Integer>> ranks = new java.util.TreeMap<>(sliceOrder());
        for (UserRow u : users) {
            for (String sl : slicesOf(u, dimension.get())) {
                ranks.computeIfAbsent(sl, k -> new ArrayList<>()).add(u.rank() - 1);
            }
        }
        List<SliceRow> rows = new ArrayList<>();
        ranks.forEach((name, r) -> {
            Metrics m = Metrics.fromRanks(r.stream().mapToInt(Integer::intValue).toArray());
            rows.add(new SliceRow(name, m.users(), m.hr10(), m.ndcg10(), m.mrr()));
        });
        slices.setAll(rows);
        int[] hist = new int[RANK_BOUNDS.length + 1];
        for (UserRow u : users) {
            hist[bucket(RANK_BOUNDS, u.rank())]++;
        }
        rankHistogram.set(hist);
        updateFilter();
    }

    /** Numeric slices in their order ("1-9" before "10-19"), genres alphabetically. */
    private static java.util.Comparator<String> sliceOrder() {
        return java.util.Comparator.comparingInt((String x) -> x.matches("\\d.*") ? Integer.parseInt(x.split("[-+]")[0]) : Integer.MAX_VALUE)
                .thenComparing(java.util.Comparator.naturalOrder());
    }

    private void updateFilter() {
        int k = missedAt.get();
        String sl = slice.get();
        Dimension d = dimension.get();
        shown.setPredicate(u -> (k <= 0 || u.rank() > k) && (sl == null || slicesOf(u, d).contains(sl)));
    }

    /** Writes the shown users as CSV (atomically), off the FX thread; tells {@code done} the rows written. */
    public void exportUsers(java.nio.file.Path file, java.util.function.IntConsumer done) {
        List<UserRow> rows = List.copyOf(shown);
        main.onWorker(() -> {
            try {
                StringBuilder sb = new StringBuilder("user,history_length,true_item,true_title,rank,popularity_rank,"
                        + "other_model_rank,predicted_item,predicted_title,true_item_training_count,true_item_genres\n");
                for (UserRow u : rows) {
                    sb.append(u.user()).append(',').append(u.historyLength()).append(',').append(u.target()).append(',')
                            .append(csv(u.targetTitle())).append(',').append(u.rank()).append(',')
                            .append(u.popularityRank()).append(',').append(u.otherRank() == 0 ? "" : u.otherRank())
                            .append(',').append(u.predicted()).append(',').append(csv(u.predictedTitle())).append(',')
                            .append(u.targetCount()).append(',').append(csv(String.join("|", u.targetGenres())))
                            .append('\n');
                }
                awrsr.util.AtomicFiles.writeString(file, sb.toString());
                fx.execute(() -> done.accept(rows.size()));
            } catch (java.io.IOException | RuntimeException e) {
                fx.execute(() -> main.say("Could not write " + file + ": " + e.getMessage()));
            }
        });
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }

    private void clear() {
        metrics.clear();
        users.clear();
        slices.clear();
        rankHistogram.set(new int[0]);
        summary.set("Not evaluated yet");
    }

    /** Ranks every user's test item with the loaded model and the baseline, off the FX thread. */
    public void evaluate() {
        Recommender model = main.model();
        Dataset data = main.datasetProperty().get();
        if (model == null || data == null || running.get()) {
            main.say(model == null ? "Load a model first" : data == null ? "Load a dataset first" : "Already evaluating");
            return;
        }
        running.set(true);
        summary.set("Evaluating " + data.userCount() + " users under both protocols…");
        main.onWorker(() -> {
            try {
                LeaveOneOutSplit split = new LeaveOneOutSplit(data);
                String name = model.config().displayName();
                List<MetricsRow> rows = new ArrayList<>();
                Evaluation full = null;
                Evaluation popularityFull = null;
                for (Protocol p : Protocol.values()) {
                    TestEvaluation t = TestEvaluation.run(model, split, model.itemIndex(), p);
                    if (p == Protocol.FULL) {
                        full = t.model();
                        popularityFull = t.popularity();
                    }
                    rows.add(MetricsRow.of(name, p, t.model().metrics()));
                    rows.add(MetricsRow.of("popularity", p, t.popularity().metrics()));
                }
                List<UserRow> perUser = perUser(model, other.getValue(), split, full, popularityFull);
                perUser.sort(java.util.Comparator.comparingInt(UserRow::user));
                String text = String.format(Locale.ROOT, "%s on %s: %d users ranked, %d skipped; test item of each user, "
                                + "history up to the validation item%s", name, data.name(), full.metrics().users(),
                        full.skippedUsers(), model.checkpoint() != null
                                && !model.checkpoint().datasetChecksum().equals(data.checksum())
                                ? " · note: not the data this model was trained on" : "");
                fx.execute(() -> {
                    metrics.setAll(rows);
                    users.setAll(perUser);
                    updateSlices();
                    summary.set(text);
                    running.set(false);
                });
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    running.set(false);
                    summary.set("Evaluation failed");
                    main.say("Evaluation failed: " + e.getMessage());
                });
            }
        });
    }

    /**
     * The per-user rows: rank of the true item, its rank in the popularity list and under the other model,
     * the model's top item for the same history (the same items excluded as in the ranking), how often the
     * true item occurs in training, and its genres.
     */
    private static List<UserRow> perUser(Recommender model, Recommender otherModel, LeaveOneOutSplit split,
                                         Evaluation full, Evaluation popularity) {
        Dataset data = split.dataset();
        Map<Integer, Integer> popularityRank = new java.util.HashMap<>();
        for (int i = 0; i < popularity.userRows().length; i++) {
            popularityRank.put(popularity.userRows()[i], popularity.ranks()[i] + 1);
        }
        awrsr.eval.PopularityBaseline counts = new awrsr.eval.PopularityBaseline(split, model.itemIndex());
        int[] rows = full.userRows();
        int[] predicted = new int[rows.length];
        int[] otherRanks = new int[rows.length];
        for (int start = 0; start < rows.length; start += 128) {
            int end = Math.min(rows.length, start + 128);
            int[][] inputs = new int[end - start][];
            for (int i = start; i < end; i++) {
                inputs[i - start] = java.util.Arrays.stream(model.itemIndex().toIndices(split.testInput(rows[i])))
                        .filter(x -> x > 0).toArray();
            }
            float[][] scores = model.score(inputs);
            for (int i = start; i < end; i++) {
                java.util.BitSet seen = model.itemIndex().seen(data.sequence(rows[i]));
                seen.clear(model.itemIndex().indexOf(split.testTarget(rows[i])));
                int best = 0;
                for (int j = 1; j < scores[i - start].length; j++) {
                    if (!seen.get(j) && (best == 0 || scores[i - start][j] > scores[i - start][best])) {
                        best = j;
                    }
                }
                predicted[i] = model.itemIndex().idOf(best);
            }
        }
        if (otherModel != null) {
            try {
                Evaluation o = awrsr.eval.Evaluator.evaluate(otherModel, split, otherModel.itemIndex(), Protocol.FULL,
                        awrsr.eval.RankTarget.TEST);
                Map<Integer, Integer> byRow = new java.util.HashMap<>();
                for (int i = 0; i < o.userRows().length; i++) {
                    byRow.put(o.userRows()[i], o.ranks()[i] + 1);
                }
                for (int i = 0; i < rows.length; i++) {
                    otherRanks[i] = byRow.getOrDefault(rows[i], 0);
                }
            } catch (IllegalStateException closed) {
                // the Compare model was replaced meanwhile: its column stays empty
            }
        }
        List<UserRow> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            int target = split.testTarget(row);
            out.add(new UserRow(data.userId(row), split.testInput(row).length, target,
                    model.catalog().get(target).displayTitle(), full.ranks()[i] + 1, popularityRank.getOrDefault(row, 0),
                    otherRanks[i], predicted[i], model.catalog().get(predicted[i]).displayTitle(),
                    counts.count(model.itemIndex().indexOf(target)), model.catalog().get(target).genres()));
        }
        return out;
    }

    /** The error-analysis loop: the user's history as the model saw it at test time, the true item pinned. */
    public void open(UserRow row) {
        main.loadTestHistory(row.user());
    }
}
