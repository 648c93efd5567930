package awrsr.app.vm;

import awrsr.infer.Prediction;

import java.util.List;

/**
 * A finished inference for one state of the editor.
 *
 * @param generation which request it answers (newer requests have larger numbers)
 * @param titles short display titles of {@code prediction.items()}, the window the model read
 * @param requestedAt System.nanoTime() of the edit that asked for it
 */
public record InferenceResult(long generation, Prediction prediction, List<String> titles, long requestedAt) {}
