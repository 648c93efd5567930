package awrsr.analysis;

import awrsr.infer.HeadTrace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadStatisticsTest {
    private static HeadTrace.TraceMap map(String id, float[][] values) {
        return new HeadTrace.TraceMap(id, id, id, id, values);
    }

    @Test
    void byHandOnAThreeItemSequence() {
        float[][] a = {{1, 0, 0}, {0.5f, 0.5f, 0}, {0.25f, 0.25f, 0.5f}};
        float[][] w = {{1, 0, 0}, {1, 0, 0}, {0.5f, 0.25f, 0.25f}};
        HeadStatistics s = HeadStatistics.of(new HeadTrace(List.of(map(HeadTrace.RAW, a), map(HeadTrace.REFINED, w))));
        double ln2 = Math.log(2);
        // rows 1 and 2 (row 0 reads only itself)
        assertEquals((ln2 + (ln2 + 0.5 * ln2)) / 2, s.entropy(), 1e-7);       // ln 2 and 1.5 ln 2
        assertEquals((0.5 + 0.75) / 2, s.distance(), 1e-7);                  // 0.5·1; 0.25·2 + 0.25·1
        assertEquals((0.5 + 0.25) / 2, s.sink(), 1e-7);
        assertEquals((0.5 + 0.5) / 2, s.diagonal(), 1e-7);
        assertEquals((ln2 + 0.25 * ln2) / 2, s.klRefinedRaw(), 1e-7);       // 1·ln 2; 0.5 ln 2 − 0.25 ln 2
        assertEquals((0.5 + 0.25) / 2, s.moved(), 1e-7);
        HeadStatistics plain = HeadStatistics.of(new HeadTrace(List.of(map(HeadTrace.RAW, a))));
        assertTrue(Double.isNaN(plain.klRefinedRaw()) && Double.isNaN(plain.moved()), "nothing refines");
        assertEquals(s.entropy(), plain.entropy());
    }

    @Test
    void summariesOverUsersLeaveUndefinedValuesOut() {
        DatasetAnalysis.Summary s = DatasetAnalysis.Summary.of(new double[] {0.5, Double.NaN, -0.5, 0.1, 0.3});
        assertEquals(4, s.count());
        assertEquals(0.1, s.mean(), 1e-12);
        assertEquals(0.2, s.median(), 1e-12);
        assertEquals(-0.5, s.p25(), 1e-12);     // nearest rank: ceil(0.25·4) = 1st of -0.5, 0.1, 0.3, 0.5
        assertEquals(0.3, s.p75(), 1e-12);
    }
}
