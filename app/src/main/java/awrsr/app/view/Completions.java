package awrsr.app.view;

import javafx.scene.control.TextField;
import javafx.util.StringConverter;
import org.controlsfx.control.textfield.AutoCompletionBinding;
import org.controlsfx.control.textfield.TextFields;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Title completion for a text field, without stale lists. ControlsFX fetches each keystroke's suggestions on
 * a thread of its own and shows whatever a fetch returns, also when the text has changed since: on a busy
 * machine the list for "no" can open after "no film is called this" was typed, and the Enter meant for the
 * field then goes to that list instead (the likely cause of one failure in four of the pin-by-title window
 * test while three trainings ran: the message for an unmatched title never came). Here a fetch whose text is
 * no longer the field's returns nothing, which closes the list.
 */
final class Completions {
    private Completions() {}

    static <T> AutoCompletionBinding<T> bind(TextField field, Function<String, Collection<T>> search) {
        return TextFields.bindAutoCompletion(field, fresh(field, search));
    }

    static <T> AutoCompletionBinding<T> bind(TextField field, Function<String, Collection<T>> search,
                                             StringConverter<T> converter) {
        return TextFields.bindAutoCompletion(field, fresh(field, search), converter);
    }

    private static <T> javafx.util.Callback<AutoCompletionBinding.ISuggestionRequest, Collection<T>> fresh(
            TextField field, Function<String, Collection<T>> search) {
        AtomicReference<String> now = new AtomicReference<>(field.getText());
        field.textProperty().addListener((o, a, b) -> now.set(b));
        return request -> request.isCancelled() ? List.of() : fresh(request.getUserText(), now::get, search);
    }

    /** The suggestions for {@code asked}, or none when the field holds other text by the time they are found. */
    static <T> Collection<T> fresh(String asked, java.util.function.Supplier<String> now,
                                   Function<String, Collection<T>> search) {
        Collection<T> hits = search.apply(asked);
        return asked.equals(now.get()) ? hits : List.of();
    }
}
