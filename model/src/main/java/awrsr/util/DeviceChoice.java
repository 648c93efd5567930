package awrsr.util;

import ai.djl.Device;

import java.util.Locale;

/** What --device asks for, decided against the GPUs the engine sees. */
public final class DeviceChoice {
    private DeviceChoice() {}

    /**
     * {@code auto}: the first GPU if the engine sees one, else the CPU; {@code cpu}; {@code gpu}: the first
     * GPU; {@code gpu:N}: GPU N. Refuses a GPU the engine does not see, saying how many it sees.
     *
     * @throws IllegalArgumentException for an unknown value or a GPU that is not there
     */
    public static Device choose(String spec, int gpuCount) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("auto")) {
            return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        int n;
        if (s.equals("gpu")) {
            n = 0;
        } else if (s.matches("gpu:\\d{1,3}")) {
            n = Integer.parseInt(s.substring(4));
        } else {
            throw new IllegalArgumentException("--device must be auto, cpu, gpu or gpu:N, got " + Text.quote(spec));
        }
        if (gpuCount == 0) {
            throw new IllegalArgumentException("--device " + s + ": the engine sees no usable GPU (it runs the CPU "
                    + "build of libtorch; see awrsr doctor for how to use a GPU)");
        }
        if (n >= gpuCount) {
            throw new IllegalArgumentException("--device " + s + ": the engine sees " + gpuCount + " GPU(s), numbered 0 to "
                    + (gpuCount - 1));
        }
        return Device.gpu(n);
    }
}
