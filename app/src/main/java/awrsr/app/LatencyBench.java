package awrsr.app;

import awrsr.app.vm.InferenceResult;
import awrsr.app.vm.WorkbenchViewModel;
import javafx.application.Platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures edit-to-updated-screen in the running window: alternately removes the last history item and
 * undoes it, waits until the new maps and predictions are laid out, and prints one JSON line with the
 * median, p90 and p99 over the edits after a warm-up, then quits. Started by {@code --latency-bench N}.
 */
final class LatencyBench {
    private static final int WARM_UP = 20;

    private LatencyBench() {}

    static void start(WorkbenchViewModel vm, int edits) {
        Thread t = new Thread(() -> {
            try {
                run(vm, edits);
            } catch (Exception e) {
                System.err.println("latency bench failed: " + e);
            } finally {
                Platform.exit();
            }
        }, "latency-bench");
        t.setDaemon(true);
        t.start();
    }

    private static void run(WorkbenchViewModel vm, int edits) throws InterruptedException {
        waitUntil(() -> vm.result() != null && vm.lastRenderNanos() >= 0, 120);
        List<Double> screen = new ArrayList<>();
        List<Double> inference = new ArrayList<>();
        for (int i = 0; i < WARM_UP + edits; i++) {
            CountDownLatch rendered = new CountDownLatch(1);
            int step = i;
            Platform.runLater(() -> {
                InferenceResult before = vm.result();
                vm.renderedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                    @Override
                    public void changed(javafx.beans.value.ObservableValue<? extends InferenceResult> o,
                                        InferenceResult a, InferenceResult b) {
                        if (b != before) {
                            vm.renderedProperty().removeListener(this);
                            rendered.countDown();
                        }
                    }
                });
                if (step % 2 == 0) {
                    vm.removeAt(vm.editor().size() - 1);
                } else {
                    vm.undo();
                }
            });
            if (!rendered.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no render within 30 s");
            }
            if (i >= WARM_UP) {
                screen.add(vm.lastRenderNanos() / 1e6);
                inference.add(vm.result().prediction().nanos() / 1e6);
            }
        }
        Collections.sort(screen);
        Collections.sort(inference);
        System.out.printf(Locale.ROOT, "{\"edits\":%d,\"items\":%d,\"model\":\"%s\",\"editToScreenMs\":{\"median\":%.1f,"
                        + "\"p90\":%.1f,\"p99\":%.1f},\"inferenceWithTraceMs\":{\"median\":%.1f,\"p90\":%.1f},\"cores\":%d}%n",
                edits, vm.editor().size(), vm.modelSummaryProperty().get(), pct(screen, 50), pct(screen, 90),
                pct(screen, 99), pct(inference, 50), pct(inference, 90), Runtime.getRuntime().availableProcessors());
    }

    private static double pct(List<Double> sorted, int p) {
        return awrsr.util.Stats.percentile(sorted.stream().mapToDouble(Double::doubleValue).toArray(), p);
    }

    private static void waitUntil(java.util.function.BooleanSupplier ok, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the workbench did not start within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }
}
