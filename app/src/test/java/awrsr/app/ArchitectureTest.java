package awrsr.app;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The workbench's layering, checked on the compiled classes: the root package (launcher, application,
 * main window) wires views, view-models and storage; views use view-models, view-models use storage,
 * storage uses neither; views and storage never touch the engine.
 */
@AnalyzeClasses(packages = "awrsr.app", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("awrsr.app.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheRootWiresTheParts = noClasses()
            .that().resideInAnyPackage("awrsr.app.view..", "awrsr.app.vm..", "awrsr.app.io..")
            .should().dependOnClassesThat().resideInAPackage("awrsr.app");

    @ArchTest
    static final ArchRule viewModelsNeverKnowTheirViews = noClasses()
            .that().resideInAPackage("awrsr.app.vm..")
            .should().dependOnClassesThat().resideInAPackage("awrsr.app.view..");

    @ArchTest
    static final ArchRule storageKnowsNeitherViewsNorViewModels = noClasses()
            .that().resideInAPackage("awrsr.app.io..")
            .should().dependOnClassesThat().resideInAnyPackage("awrsr.app.view..", "awrsr.app.vm..");

    @ArchTest
    static final ArchRule viewsAndStorageNeverTouchTheEngine = noClasses()
            .that().resideInAnyPackage("awrsr.app.view..", "awrsr.app.io..")
            .should().dependOnClassesThat().resideInAPackage("ai.djl..");
}
