package awrsr.train;

import awrsr.checkpoint.Checkpoint;
import java.util.List;

/**
 * @param checkpoint the best checkpoint (by validation NDCG@10), holding the final metrics
 * @param epochs every epoch run in this call
 * @param cancelled whether training stopped on request
 */
public record TrainingResult(Checkpoint checkpoint, List<EpochReport> epochs, boolean cancelled) {}
