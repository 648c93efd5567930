package awrsr.nn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelConfigTest {
    @Test
    void nameAndShapeAsTheScreenShowsThem() {
        ModelConfig value = new ModelConfig(Variant.VALUE, 100, 200, 64, 2, 2, 32, 0.2f);
        assertEquals("AWRSR value", value.displayName());
        assertEquals("L=2 H=2 d=64 n=200 r=32", value.shapeSummary());
        ModelConfig plain = value.withVariant(Variant.NONE);
        assertEquals("SASRec", plain.displayName());
        assertEquals("L=2 H=2 d=64 n=200", plain.shapeSummary(), "no r: the plain backbone has no refinement");
    }

    @Test
    void sizesBeyondTheBoundsAreRefusedInWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelConfig(Variant.VALUE, 100, 200, 100_000, 2, 2, 32, 0.2f));
        assertTrue(e.getMessage().contains("dim must be from 1 to 4096, got 100000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelConfig(Variant.VALUE, 100, 200, 64, 2, 3, 32, 0.2f));
    }
}
