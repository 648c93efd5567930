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
    default AwrsrNetwork.Output encode(ModelConfig config, ParameterSet params, NDArray items, NDArray embedded,
                                       Dropout dropout, boolean keepMaps) {
        return encodeRows(config, params, items, embedded, dropout, keepMaps, 0, KeyRows.NONE, false);
    }

    /**
     * {@link #encode} of the rows [from, m) only: the hidden output is (B, m − from, D), and every key-side
     * quantity of the rows before comes from {@code keys} (see {@link KeyRows}); maps are kept only when
     * {@code from} is 0 and not {@code newestOnly}.
     *
     * @param newestOnly the last block computes its queries' side for the newest row only (what scoring
     *     reads): the hidden output is then (B, 1, D)
     */
    AwrsrNetwork.Output encodeRows(ModelConfig config, ParameterSet params, NDArray items, NDArray embedded,
                                   Dropout dropout, boolean keepMaps, int from, KeyRows keys, boolean newestOnly);

    /**
     * Scores of every item index 0..V for each row's representation (B, D) (a row of the hidden output);
     * index 0 (padding) is -inf. Higher is better (STOSA: the negated distance).
     */
    NDArray scoreAll(ModelConfig config, ParameterSet params, NDArray representation);

    /** Score of {@code items} (B, m) at every position of {@code hidden} (B, m, D), as {@link #scoreAll} would give. */
    NDArray scoreAt(ModelConfig config, ParameterSet params, NDArray hidden, NDArray items);

    /**
     * The backbone's own regulariser per position for a positive and a sampled negative item, (B, m), or null
     * when it has none (STOSA: max(0, d(seq, pos) − d(pos, neg)), the "positive vs negative" term).
     *
     * @param positiveScore {@link #scoreAt} of the positives, (B, m): the loss has it already
     */
    default NDArray pairRegulariser(ModelConfig config, ParameterSet params, NDArray positiveScore, NDArray positive,
                                    NDArray negative) {
        return null;
    }

    /** Whether {@code variant}'s mechanism is defined on this backbone. */
    default boolean supports(Variant variant) {
        return variant != Variant.STOCHASTIC;
    }

    /**
     * Initial values of a parameter of this backbone's own under {@code init}, or null for the common rule
     * (Xavier-normal matrices, zero vectors, unit LayerNorm gains).
     */
    default float[] initialValues(String name, Shape shape, java.util.Random random, Init init) {
        return null;
    }

    /** Whether this backbone can start from {@code init}. */
    default boolean supports(Init init) {
        return init == Init.XAVIER;
    }
}
