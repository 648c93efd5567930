package awrsr.app.vm;

import awrsr.data.Dataset;
import awrsr.data.LeaveOneOutSplit;
import awrsr.eval.Evaluation;
import awrsr.eval.Metrics;
import awrsr.eval.Protocol;
import awrsr.eval.TestEvaluation;
import awrsr.infer.Recommender;
import javafx.beans.property.ReadOnlyBooleanProperty;
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

    /** One user of the per-user table: the rank (1-based) of their true next item under the full protocol. */
    public record UserRow(int user, int historyLength, int target, String targetTitle, int rank) {}

    private final WorkbenchViewModel main;
    private final Executor fx;
    private final ObservableList<MetricsRow> metrics = FXCollections.observableArrayList();
    private final ObservableList<UserRow> users = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Not evaluated yet");

    public EvaluationViewModel(WorkbenchViewModel main) {
        this.main = main;
        this.fx = main.fx();
        main.modelProperty().addListener((o, a, b) -> clear());
        main.datasetProperty().addListener((o, a, b) -> clear());
    }

    public ObservableList<MetricsRow> metrics() { return metrics; }
    public ObservableList<UserRow> users() { return users; }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }

    private void clear() {
        metrics.clear();
        users.clear();
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
                for (Protocol p : Protocol.values()) {
                    TestEvaluation t = TestEvaluation.run(model, split, model.itemIndex(), p);
                    if (p == Protocol.FULL) {
                        full = t.model();
                    }
                    rows.add(MetricsRow.of(name, p, t.model().metrics()));
                    rows.add(MetricsRow.of("popularity", p, t.popularity().metrics()));
                }
                List<UserRow> perUser = new ArrayList<>();
                for (int i = 0; i < full.userRows().length; i++) {
                    int row = full.userRows()[i];
                    int target = split.testTarget(row);
                    perUser.add(new UserRow(data.userId(row), split.testInput(row).length, target,
                            model.catalog().get(target).displayTitle(), full.ranks()[i] + 1));
                }
                perUser.sort(java.util.Comparator.comparingInt(UserRow::user));
                String text = String.format(Locale.ROOT, "%s on %s: %d users ranked, %d skipped; test item of each user, "
                                + "history up to the validation item%s", name, data.name(), full.metrics().users(),
                        full.skippedUsers(), model.checkpoint() != null
                                && !model.checkpoint().datasetChecksum().equals(data.checksum())
                                ? " · note: not the data this model was trained on" : "");
                fx.execute(() -> {
                    metrics.setAll(rows);
                    users.setAll(perUser);
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

    /** The error-analysis loop: the user's history as the model saw it at test time, the true item pinned. */
    public void open(UserRow row) {
        main.loadTestHistory(row.user());
    }
}
