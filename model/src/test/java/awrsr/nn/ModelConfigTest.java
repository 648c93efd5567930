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

    @Test
    void theSignatureOfASasRecModelIsTheOneParameterFilesAlreadyCarry() {
        // Written by hand: parameter files of format 2 store this string; a SASRec-backbone model must keep it.
        assertEquals("variant=value numItems=100 maxLen=200 dim=64 layers=2 heads=2 refineDim=32 dropout=0.2",
                new ModelConfig(Variant.VALUE, 100, 200, 64, 2, 2, 32, 0.2f).signature());
    }

    @Test
    void everyMechanismNamesItsParametersInsideItsBlock() {
        // The seam: a mechanism adds parameters under "block{l}.refine." and nowhere else, so the backbone's
        // layout is the same whatever refines it.
        ModelConfig plain = new ModelConfig(Variant.NONE, 10, 8, 8, 2, 2, 4, 0f);
        java.util.Set<String> backboneNames = ParameterSet.specs(plain).keySet();
        for (Variant v : Variant.values()) {
            if (!plain.backbone().backbone().supports(v)) {
                continue;
            }
            java.util.Set<String> names = new java.util.LinkedHashSet<>(ParameterSet.specs(plain.withVariant(v)).keySet());
            assertTrue(names.containsAll(backboneNames), v + " keeps the backbone's parameters");
            names.removeAll(backboneNames);
            for (String n : names) {
                assertTrue(n.matches("block[01]\\.refine\\..+"), v + ": " + n);
            }
            assertEquals(v.refines(), !names.isEmpty(), v + " has parameters of its own exactly when it refines");
        }
    }
}
