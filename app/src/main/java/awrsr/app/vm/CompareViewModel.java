package awrsr.app.vm;

import awrsr.infer.Prediction;
import awrsr.infer.RankedItem;
import awrsr.infer.Recommender;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A second model beside the loaded one: for the edited sequence, both top-k lists with each item's rank in
 * the other model, and both models' maps for a chosen layer and head.
 */
public final class CompareViewModel {
    /** An item of one model's list and its 1-based rank in the other model (0 when the other lacks it). */
    public record Row(int rank, int item, String title, float score, int rankInOther) {}

    /** Both predictions for one state of the editor. */
    public record Pair(Prediction first, Prediction second) {}

    private final WorkbenchViewModel main;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<Recommender> second = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper secondSummary = new ReadOnlyStringWrapper("No second model");
    private final ObservableList<Row> firstRows = FXCollections.observableArrayList();
    private final ObservableList<Row> secondRows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Pair> pair = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty layer = new SimpleIntegerProperty(0);
    private final IntegerProperty head = new SimpleIntegerProperty(0);
    private final AtomicLong generation = new AtomicLong();

    public CompareViewModel(WorkbenchViewModel main) {
        this.main = main;
        this.fx = main.fx();
        main.resultProperty().addListener((o, a, b) -> refresh());
    }

    public ReadOnlyObjectProperty<Recommender> secondProperty() { return second.getReadOnlyProperty(); }

    /** Whether the second model's scores are minus distances (a STOSA model). */
    public boolean secondScoresAreDistances() {
        Recommender m = second.get();
        return m != null && m.scoresAreDistances();
    }
    public ReadOnlyStringProperty secondSummaryProperty() { return secondSummary.getReadOnlyProperty(); }
    public ObservableList<Row> firstRows() { return firstRows; }
    public ObservableList<Row> secondRows() { return secondRows; }
    public ReadOnlyObjectProperty<Pair> pairProperty() { return pair.getReadOnlyProperty(); }
    public IntegerProperty layerProperty() { return layer; }
    public IntegerProperty headProperty() { return head; }

    /** Releases the second model (its native arrays); called when the window closes, after the model worker stopped. */
    public void close() {
        Recommender old = second.get();
        second.set(null);
        if (old != null) {
            old.close();
        }
    }

    public void openSecond(Path folder) {
        main.onWorker(() -> {
            try {
                Recommender loaded = Recommender.load(folder, main.model() == null ? null : main.model().device());
                fx.execute(() -> {
                    Recommender old = second.get();
                    second.set(loaded);
                    var c = loaded.config();
                    secondSummary.set(folder.getFileName() + " · " + c.displayName() + " · " + c.shapeSummary());
                    if (old != null) {
                        main.onWorker(old::close);
                    }
                    refresh();
                });
            } catch (Exception e) {
                fx.execute(() -> main.say("Could not open second model " + folder + ": " + e.getMessage()));
            }
        });
    }

    /** Recomputes the second model's view of the current sequence (newest request wins). */
    public void refresh() {
        long gen = generation.incrementAndGet();
        Recommender a = main.model();
        Recommender b = second.get();
        InferenceResult r = main.result();
        if (a == null || b == null || r == null) {
            firstRows.clear();
            secondRows.clear();
            pair.set(null);
            return;
        }
        int k = Math.max(1, main.topKProperty().get());
        boolean exclude = main.excludeHistoryProperty().get();
        List<Integer> items = r.prediction().items();
        main.onWorker(() -> {
            if (generation.get() != gen) {
                return;
            }
            try {
                List<Integer> known = items.stream().filter(b.itemIndex()::contains).toList();
                if (known.isEmpty()) {
                    throw new IllegalArgumentException("the second model knows none of the sequence's items");
                }
                Prediction pb = b.predict(known, k, exclude, true);
                List<Row> left = rows(r.prediction(), b, pb);
                List<Row> right = rows(pb, a, r.prediction());
                fx.execute(() -> {
                    if (generation.get() == gen) {
                        firstRows.setAll(left);
                        secondRows.setAll(right);
                        pair.set(new Pair(r.prediction(), pb));
                    }
                });
            } catch (RuntimeException e) {
                fx.execute(() -> main.say("Second model: " + e.getMessage()));
            }
        });
    }

    private static List<Row> rows(Prediction own, Recommender other, Prediction otherPrediction) {
        List<Row> out = new ArrayList<>();
        for (RankedItem item : own.top()) {
            int rank = other.itemIndex().contains(item.item()) ? other.rankOf(otherPrediction, item.item()) + 1 : 0;
            out.add(new Row(item.rank() + 1, item.item(), item.title(), item.score(), rank));
        }
        return out;
    }
}
