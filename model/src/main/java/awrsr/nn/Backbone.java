package awrsr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.Map;

/**
 * A sequential recommender's network without its refinement: embeddings, attention blocks (each hands
 * its raw map to the config's {@link Mechanism}) and item scoring. One class per backbone, registered as a
 * {@link BackboneKind}.
 */
public interface Backbone {
    /** Names and shapes of every parameter, the mechanism's included, in storage order. */
    Map<String, Shape> parameters(ModelConfig config);

    /**
     * @param items item indices (B, m), left-padded with 0, m &le; n
     * @param keepMaps whether to report every block's maps
     */
    default AwrsrNetwork.Output forward(ModelConfig config, ParameterSet params, NDArray items, Dropout dropout,
                                        boolean keepMaps) {
        return encode(config, params, items, embed(config, params, items), dropout, keepMaps);
    }

    /** The item embedding rows of the input, (B, m, d): what gradient × input explanations differentiate. */
    NDArray embed(ModelConfig config, ParameterSet params, NDArray items);

    /**
     * The forward pass from given item embeddings (those {@link #embed} returns, or a copy that records
     * gradients); {@code items} still gives the padding and the positions.
     */
    AwrsrNetwork.Output encode(ModelConfig config, ParameterSet params, NDArray items, NDArray embedded,
                               Dropout dropout, boolean keepMaps);

    /** Scores of every item index 0..V for each row's representation (B, d); index 0 (padding) is -inf. */
    NDArray scoreAll(ModelConfig config, ParameterSet params, NDArray representation);
}
