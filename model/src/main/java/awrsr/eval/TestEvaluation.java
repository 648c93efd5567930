package awrsr.eval;

import awrsr.data.LeaveOneOutSplit;
import awrsr.nn.ItemIndex;

/**
 * A model ranked on every user's test item under one protocol, with the popularity baseline ranked the
 * same way beside it: the figure the command line, the training summary and the window all report.
 */
public record TestEvaluation(Protocol protocol, Evaluation model, Evaluation popularity) {
    public static TestEvaluation run(SequenceScorer model, LeaveOneOutSplit split, ItemIndex index, Protocol protocol) {
        return run(model, split, index, protocol, RankTarget.TEST);
    }

    /** The same on the validation items (history before each), or the test items. */
    public static TestEvaluation run(SequenceScorer model, LeaveOneOutSplit split, ItemIndex index, Protocol protocol,
                                     RankTarget target) {
        return new TestEvaluation(protocol,
                Evaluator.evaluate(model, split, index, protocol, target),
                Evaluator.evaluate(new PopularityBaseline(split, index), split, index, protocol, target));
    }
}
