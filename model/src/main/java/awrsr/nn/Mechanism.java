package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.Map;

/**
 * A refinement mechanism: how one block turns its raw attention A into the head output and the maps it
 * reports (docs/model.md, section 2). One class per mechanism, registered as a {@link Variant}; the backbone
 * calls it without knowing which it is.
 */
public interface Mechanism {
    /** Whether it computes a second-level map; false for the plain backbone. */
    boolean refines();

    /** How W is formed, for people: "A", "R", "R·A", "(1−g)A + gR". */
    String refinedFormula();

    /** Adds the parameters it needs in one block, in storage order ({@code block} is "block0." and so on). */
    default void addParameters(ModelConfig config, String block, Map<String, Shape> specs) {}

    /** The head output and, when {@link Attention#keepMaps}, the maps beyond A it reports. */
    Mixed mix(Attention attention);

    /**
     * @param output the heads' outputs, (B, H, m, dh)
     * @param maps the maps it reports beyond A ({@link MapKind#REFINED} among them when it refines);
     *     empty unless maps were asked for
     * @param factors what its maps are computed from ({@link AwrsrNetwork.Factors}); empty unless maps were asked for
     */
    record Mixed(NDArray output, Map<MapKind, NDArray> maps, Map<String, NDArray> factors) {
        public Mixed(NDArray output, Map<MapKind, NDArray> maps) {
            this(output, maps, Map.of());
        }
    }
}
