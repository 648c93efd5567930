package awrsr.eval;

/** Which held-out item of the leave-one-out split is ranked. */
public enum RankTarget {
    VALIDATION, TEST
}
