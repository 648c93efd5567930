package awrsr.util;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceChoiceTest {
    @Test
    void autoTakesTheFirstGpuWhenThereIsOneElseTheCpu() {
        assertEquals(Device.cpu(), DeviceChoice.choose("auto", 0));
        assertEquals(Device.gpu(0), DeviceChoice.choose("auto", 2));
        assertEquals(Device.gpu(0), DeviceChoice.choose(null, 1));
    }

    @Test
    void explicitChoices() {
        assertEquals(Device.cpu(), DeviceChoice.choose("cpu", 2));
        assertEquals(Device.cpu(), DeviceChoice.choose(" CPU ", 0));
        assertEquals(Device.gpu(0), DeviceChoice.choose("gpu", 1));
        assertEquals(Device.gpu(1), DeviceChoice.choose("gpu:1", 2));
    }

    @Test
    void aGpuThatIsNotThereIsRefusedInWords() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> DeviceChoice.choose("gpu", 0));
        assertTrue(none.getMessage().contains("no usable GPU") && none.getMessage().contains("awrsr doctor"),
                none.getMessage());
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                () -> DeviceChoice.choose("gpu:2", 2));
        assertTrue(past.getMessage().contains("sees 2 GPU(s), numbered 0 to 1"), past.getMessage());
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> DeviceChoice.choose("tpu", 4));
        assertTrue(odd.getMessage().contains("'tpu'"), odd.getMessage());
    }
}
