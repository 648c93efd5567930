package awrsr.app.view;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/** Read-only table columns of the workbench's tables. */
final class Columns {
    private Columns() {}

    static <T> TableColumn<T, String> text(String name, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** A number written with {@code format} ("%.4f"); NaN is written as "–". */
    static <T> TableColumn<T, String> number(String name, String format, ToDoubleFunction<T> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> {
            double v = value.applyAsDouble(d.getValue());
            return new ReadOnlyStringWrapper(Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v));
        });
        c.setPrefWidth(width);
        return c;
    }

    static <T> TableColumn<T, Number> integer(String name, ToIntFunction<T> value, double width) {
        TableColumn<T, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.applyAsInt(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
