package awrsr.app.view;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A fetch of suggestions that the typing has overtaken returns nothing, so that no stale list opens. */
class CompletionsTest {
    @Test
    void suggestionsForTextTheFieldNoLongerHoldsAreDropped() {
        AtomicReference<String> field = new AtomicReference<>("no");
        // the user types on while the titles are searched
        List<String> stale = List.copyOf(Completions.fresh("no", field::get, text -> {
            field.set("no film is called this");
            return List.of("Notorious (1946) #930", "Nosferatu (1922) #1348");
        }));
        assertEquals(List.of(), stale);
        List<String> current = List.copyOf(Completions.fresh("no film", () -> "no film", text -> List.of("No Film #1")));
        assertEquals(List.of("No Film #1"), current);
    }
}
