package awrsr.util;

import ai.djl.engine.Engine;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a bug report needs and what `awrsr doctor` prints: program, Java, system, memory, the engine and
 * where its native library came from, the devices it sees, cache and log, and what to do to use a GPU.
 * Starts the engine if it has not started. Takes a moment (it measures the cache): not on the FX thread.
 */
public final class Diagnostics {
    /** The libtorch release the shipped JNI binding was built for. */
    public static final String LIBTORCH_VERSION = "2.7.1";

    private Diagnostics() {}

    public static Map<String, String> collect() {
        Map<String, String> d = new LinkedHashMap<>();
        Package p = Diagnostics.class.getPackage();
        d.put("program", "AWRSR Workbench " + (p != null && p.getImplementationVersion() != null
                ? p.getImplementationVersion() : "(development build)"));
        d.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")");
        d.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        d.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        d.put("memory", String.format(Locale.ROOT, "%.1f GB available of %.1f GB; Java heap up to %.1f GB",
                SystemMemory.availableBytes() / 1e9, totalMemory() / 1e9, Runtime.getRuntime().maxMemory() / 1e9));
        d.put("gc", String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList()));
        boolean otherRelease = false;
        try {
            Engine engine = Engine.getInstance();
            d.put("engine", engine.getEngineName() + " " + engine.getVersion());
            String lib = libtorchPath();
            d.put("libtorch", lib == null ? "(unknown)" : lib);
            String stated = lib == null ? null : LibtorchCheck.versionOf(java.nio.file.Path.of(lib));
            otherRelease = stated != null && !LibtorchCheck.matchesBinding(stated);
            d.put("libtorch release", stated == null ? "not stated by its files (the bundled one is " + LIBTORCH_VERSION + ")"
                    : stated + (otherRelease ? " (the binding is built for " + LIBTORCH_VERSION + ": this one cannot run it)" : ""));
            d.put("flavor", flavor(lib));
            int gpus = engine.getGpuCount();
            d.put("gpus", gpus == 0 ? "none seen" : gpus + " (" + gpuDetails(gpus) + ")");
            d.put("default device", engine.defaultDevice().toString());
            d.put("self-test", selfTest(engine.defaultDevice()));
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            d.put("engine", "failed to start: " + e.getMessage());
        }
        d.put("engine cache", EngineStartup.engineCacheDir() + " (" + (EngineStartup.folderSize(EngineStartup.engineCacheDir()) >> 20) + " MB)");
        d.put("log", Logs.file() == null ? "(none: " + Logs.folder() + " is not writable)" : Logs.file().toString());
        d.put("gpu advice", gpuAdvice(d.getOrDefault("flavor", ""), otherRelease));
        return d;
    }

    /** The facts as "key: value" lines, then the last lines of the log. */
    public static String text(int logLines) {
        StringBuilder sb = new StringBuilder();
        collect().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        List<String> tail = Logs.lastLines(logLines);
        if (!tail.isEmpty()) {
            sb.append("last log lines:\n");
            tail.forEach(l -> sb.append("  ").append(l).append('\n'));
        }
        return sb.toString();
    }

    static String libtorchPath() {
        try {
            return ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** cpu or cu128 (or another CUDA flavour), from the library's folder name or PYTORCH_FLAVOR. */
    static String flavor(String libPath) {
        String env = System.getenv("PYTORCH_FLAVOR");
        if (libPath != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(cu\\d{3}|cpu)").matcher(libPath);
            if (m.find()) {
                return m.group(1);
            }
        }
        return env != null ? env : "cpu";
    }

    /** @param otherRelease whether the libtorch loaded states another release than the binding's */
    static String gpuAdvice(String flavor, boolean otherRelease) {
        if (otherRelease) {
            return "use libtorch " + LIBTORCH_VERSION + ", or build DJL's binding for this release and set "
                    + LibtorchCheck.ANY_RELEASE + "=1 (README, \"Use your GPU\")";
        }
        if (flavor.startsWith("cu")) {
            return "a CUDA build of libtorch is loaded; pick a card with --device gpu:N";
        }
        return "the bundled libtorch is CPU-only. With an NVIDIA driver, unpack libtorch " + LIBTORCH_VERSION
                + " for CUDA 12.8 (the PyTorch " + LIBTORCH_VERSION + " cu128 wheel's torch/lib, or the libtorch archive)"
                + " and set PYTORCH_LIBRARY_PATH=<that folder> PYTORCH_VERSION=" + LIBTORCH_VERSION
                + " PYTORCH_FLAVOR=cu128; then --device gpu (or gpu:N) uses the card (README, \"Use your GPU\")";
    }

    private static String selfTest(ai.djl.Device device) {
        try {
            LibtorchCheck.probe(device);
            return "an array made, added and read back on " + device;
        } catch (IllegalStateException e) {
            return "failed: " + e.getMessage();
        }
    }

    private static String gpuDetails(int gpus) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            try {
                var mem = ai.djl.util.cuda.CudaUtils.getGpuMemory(ai.djl.Device.gpu(i));
                parts.add(String.format(Locale.ROOT, "gpu:%d compute capability %s, %.0f GB", i,
                        ai.djl.util.cuda.CudaUtils.getComputeCapability(i), mem.getMax() / 1e9));
            } catch (RuntimeException | LinkageError e) {
                parts.add("gpu:" + i);
            }
        }
        return String.join("; ", parts);
    }

    private static long totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }
}
