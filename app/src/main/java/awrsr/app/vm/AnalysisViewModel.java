package awrsr.app.vm;

import awrsr.analysis.DatasetAnalysis;
import awrsr.analysis.HeadStatistics;
import awrsr.data.Dataset;
import awrsr.data.LeaveOneOutSplit;
import awrsr.infer.Explanation;
import awrsr.infer.Recommender;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Analyse tab: does attention explain, across the dataset, and what does each head do
 * ({@link DatasetAnalysis}). Each analysed (model, data) pair stays, so that models can be put side by side
 * and coming back to the tab is instant; the work runs on its own thread with progress and cancel.
 */
public final class AnalysisViewModel {
    /** Users a quick look analyses. */
    public static final int QUICK_USERS = 100;

    /**
     * One signal's correlation with leave-one-out (or, for an analysis with occlusion, a "… vs occlusion" row:
     * with occlusion) for one model, over users.
     *
     * @param model the analysed model's name and folder
     * @param sameTop the share of users whose highest-rated item by the signal is the reference's
     * @param chance the share a uniform pick over each window would get
     * @param recency the share of always naming the newest item
     */
    public record CorrelationRow(String model, String signal, int users, double mean, double sd, double p25,
                                 double median, double p75, double sameTop, double chance, double recency) {
        static CorrelationRow of(String model, String signal, DatasetAnalysis.Summary s, double sameTop,
                                 DatasetAnalysis.Result r, boolean occlusion) {
            return new CorrelationRow(model, signal, s.count(), s.mean(), s.sd(), s.p25(), s.median(), s.p75(),
                    sameTop, r.sameTopChance(), r.sameTopRecency(occlusion));
        }
    }

    /**
     * One head of one model, means over users; {@code unusual} the users farthest from the head's mean entropy.
     *
     * @param values in the order of {@link #statisticNames()}; NaN where not defined
     */
    public record HeadRow(String model, int layer, int head, double[] values, int[] unusual) {}

    private final WorkbenchViewModel main;
    private final Executor fx;
    private final ExecutorService worker = Workers.single("awrsr-analysis");
    /**
     * What an analysis was of: the model (name and folder), the data (checksum) and how many users.
     *
     * @param label the model as the tables name it, with ", first 100 users" for a quick look
     */
    public record Key(String label, String dataChecksum, int users) {}

    private final Map<Key, DatasetAnalysis.Result> done = new LinkedHashMap<>();
    private final ObservableList<CorrelationRow> correlations = FXCollections.observableArrayList();
    private final ObservableList<HeadRow> heads = FXCollections.observableArrayList();
    private final BooleanProperty quick = new SimpleBooleanProperty(false);
    private final BooleanProperty occlusion = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(
            "Not analysed yet: Analyse explains every user's top prediction (under a minute on two cores).");
    private final AtomicBoolean cancel = new AtomicBoolean();

    public AnalysisViewModel(WorkbenchViewModel main) {
        this.main = main;
        this.fx = main.fx();
        main.modelProperty().addListener((o, a, b) -> cancel.set(true));   // the old model is about to close
    }

    public ObservableList<CorrelationRow> correlations() { return correlations; }
    public ObservableList<HeadRow> heads() { return heads; }
    /** Only the first {@link #QUICK_USERS} users: a look in seconds. */
    public BooleanProperty quickProperty() { return quick; }
    /** Also every signal's correlation with occlusion (each item masked in place); about twice the time. */
    public BooleanProperty occlusionProperty() { return occlusion; }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    public static List<String> statisticNames() {
        return List.of(HeadStatistics.NAMES);
    }

    /** Analyses the loaded model on the loaded data (at once when it was analysed before). */
    public void analyse() {
        Recommender model = main.model();
        Dataset data = main.datasetProperty().get();
        if (model == null || data == null || running.get()) {
            main.say(model == null ? "Load a model first" : data == null ? "Load a dataset first" : "Already analysing");
            return;
        }
        int limit = quick.get() ? QUICK_USERS : Integer.MAX_VALUE;
        boolean occluding = occlusion.get();
        Key key = new Key(name(model) + (quick.get() ? ", first " + QUICK_USERS + " users" : "")
                + (occluding ? ", with occlusion" : ""), data.checksum(), limit);
        if (done.containsKey(key)) {
            show();
            status.set("Already analysed: " + name(model) + " on " + data.name());
            return;
        }
        String mismatch = model.mismatch(data);
        if (mismatch != null) {
            main.say("Cannot analyse: " + mismatch);
            return;
        }
        cancel.set(false);
        running.set(true);
        progress.set(0);
        status.set("Analysing " + name(model) + " on " + data.name() + "…");
        worker.execute(() -> {
            try {
                long start = System.nanoTime();
                DatasetAnalysis.Result r = DatasetAnalysis.run(model, new LeaveOneOutSplit(data), limit,
                        WorkbenchViewModel.EXPLAIN_THREADS, occluding,
                        new DatasetAnalysis.Progress() {
                            @Override public void done(int users, int of) {
                                double f = users / (double) of;
                                double s = (System.nanoTime() - start) / 1e9;
                                String text = String.format(Locale.ROOT, "Analysing %s: %d of %d users, %.0f s left",
                                        name(model), users, of, users == 0 ? 0 : s / users * (of - users));
                                fx.execute(() -> {
                                    progress.set(f);
                                    status.set(text);
                                });
                            }

                            @Override public boolean cancelled() {
                                return cancel.get();
                            }
                        });
                fx.execute(() -> {
                    done.put(key, r);
                    running.set(false);
                    progress.set(1);
                    status.set(String.format(Locale.ROOT, "%s on %s: %d users in %.1f s", name(model), data.name(),
                            r.users().length, r.seconds()));
                    show();
                });
            } catch (CancellationException e) {
                fx.execute(() -> {
                    running.set(false);
                    status.set("Cancelled: " + e.getMessage());
                });
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    running.set(false);
                    status.set("Analysis failed");
                    main.say("Analysis failed: " + e.getMessage());
                });
            }
        });
    }

    public void cancel() {
        cancel.set(true);
    }

    /** Opens a user's test history in Explore (the error-analysis loop). */
    public void open(int user) {
        main.loadTestHistory(user);
    }

    /** Every result so far, by what it was of (for tests and exports). */
    public Map<Key, DatasetAnalysis.Result> results() {
        return java.util.Collections.unmodifiableMap(done);
    }

    private static String name(Recommender m) {
        String folder = m.checkpoint() == null ? "" : " (" + m.checkpoint().folder().getFileName() + ")";
        return m.config().displayName() + folder;
    }

    private void show() {
        List<CorrelationRow> rows = new ArrayList<>();
        List<HeadRow> hs = new ArrayList<>();
        done.forEach((key, r) -> {
            String model = key.label();
            r.signalNames().forEach((id, signal) -> {
                if (!id.equals(Explanation.LEAVE_ONE_OUT)) {
                    rows.add(CorrelationRow.of(model, signal, r.correlation(id), r.sameTopShare(id), r, false));
                }
            });
            r.signalNames().forEach((id, signal) -> {
                DatasetAnalysis.Summary s = r.occlusionCorrelation(id);
                if (!id.equals(Explanation.OCCLUSION) && s != null) {
                    rows.add(CorrelationRow.of(model, signal + " vs occlusion", s, r.occlusionSameTopShare(id), r,
                            true));
                }
            });
            for (int l = 0; l < r.heads().length; l++) {
                for (int h = 0; h < r.heads()[l].length; h++) {
                    double[] v = new double[HeadStatistics.NAMES.length];
                    for (int s = 0; s < v.length; s++) {
                        v[s] = r.headMean(l, h, s);
                    }
                    hs.add(new HeadRow(model, l + 1, h + 1, v, r.mostUnusualUsers(l, h, 0, 5)));
                }
            }
        });
        correlations.setAll(rows);
        heads.setAll(hs);
    }

    /** Stops a running analysis (the user it is explaining finishes) before the models close. */
    public void shutdown() {
        cancel.set(true);
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
