package fr.pretadepenser.scoring.dashboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The package layout of the dashboard (see the README's package map) holds: the feature packages
 * depend on each other without cycles, a controller is used by no other package, only the {@code
 * security} package knows Spring Security, and the root (application, settings) knows no feature.
 * Main classes only: the integration tests in this package span features on purpose.
 */
class PackageLayoutTest {

  static final String ROOT = "fr.pretadepenser.scoring.dashboard";

  static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void featurePackagesAreFreeOfCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void controllersAreUsedByNoOtherPackage() {
    classes()
        .that()
        .areAnnotatedWith(RestController.class)
        .or()
        .areAnnotatedWith(Controller.class)
        .should(beUsedOnlyFromTheirOwnPackage())
        .check(MAIN);
  }

  @Test
  void onlyTheSecurityPackageTouchesSpringSecurity() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".security..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework.security..")
        .check(MAIN);
  }

  @Test
  void theRootKnowsNoFeature() {
    noClasses()
        .that()
        .resideInAPackage(ROOT)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".*..")
        .check(MAIN);
  }

  /** What a controller offers goes out over HTTP; another package wanting it wants a service. */
  static ArchCondition<JavaClass> beUsedOnlyFromTheirOwnPackage() {
    return new ArchCondition<>("be used only from their own package") {
      @Override
      public void check(JavaClass controller, ConditionEvents events) {
        for (Dependency d : controller.getDirectDependenciesToSelf()) {
          if (!d.getOriginClass().getPackageName().equals(controller.getPackageName())) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
          }
        }
      }
    };
  }
}
