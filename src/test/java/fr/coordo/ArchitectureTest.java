package fr.coordo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The onion: JavaFX stays in the ui packages, and no two packages depend on each other. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fr.coordo");

    @Test
    void onlyUiPackagesUseJavaFx() {
        noClasses().that().resideOutsideOfPackage("fr.coordo..ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
                .because("services, documents and the command line run without a display")
                .check(CLASSES);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("fr.coordo.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theStoreAndIdentifiersDependOnNoFeature() {
        noClasses().that().resideInAnyPackage("fr.coordo.store..", "fr.coordo.identity..")
                .should().dependOnClassesThat().resideInAnyPackage("fr.coordo.app..", "fr.coordo.ui..", "fr.coordo.team..",
                        "fr.coordo.patient..", "fr.coordo.demo..")
                .check(CLASSES);
    }

    @Test
    void onlyTheEntryPointsReachTheUi() {
        noClasses().that().resideOutsideOfPackages("fr.coordo.ui..", "fr.coordo.app..")
                .should().dependOnClassesThat().resideInAPackage("fr.coordo.ui..")
                .check(CLASSES);
    }

    @Test
    void onlyTheStoreTalksToTheEncryptingDriver() {
        noClasses().that().resideOutsideOfPackages("fr.coordo.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.sqlite..")
                .because("every connection must be keyed the same way, in Database, or the file becomes unreadable")
                .check(CLASSES);
    }

    @Test
    void onlyTheSecurityPackageHandlesPasswordsAndKeys() {
        noClasses().that().resideOutsideOfPackages("fr.coordo.security..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..", "javax.crypto..")
                .check(CLASSES);
    }
}
