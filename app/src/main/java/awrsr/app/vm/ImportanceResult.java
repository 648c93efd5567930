package awrsr.app.vm;

import awrsr.infer.Explanation;

/**
 * The explanation of one shown result.
 *
 * @param generation the inference request it explains
 */
public record ImportanceResult(long generation, Explanation explanation) {}
