package awrsr.infer;

/**
 * One head's maps over the real positions of a sequence, rows = reading position, columns = item read.
 *
 * @param raw A, the softmax attention
 * @param refinement R, the attention over attention rows; null when the model does not refine
 * @param refined W, the effective item-to-item map (equal to raw for plain SASRec)
 */
public record HeadTrace(float[][] raw, float[][] refinement, float[][] refined) {}
