package awrsr.eval;

/**
 * The result of ranking one held-out item per user.
 *
 * @param userRows dataset rows of the users that were ranked
 * @param ranks 0-based rank of each user's target, aligned with userRows
 * @param skippedUsers users with no target, or whose target or whole history the model does not know
 */
public record Evaluation(Protocol protocol, RankTarget target, Metrics metrics, int[] userRows, int[] ranks,
                         int skippedUsers) {}
