package io.agentq.workflows.search;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * What runs inside workflow code (the workflow, its steps, the pure search it drives, and its
 * search attributes) uses no clock, no unseeded randomness, no threads, no I/O and no hash-ordered
 * collections: replay must make the same decisions. temporal-workflowcheck is not on Maven Central,
 * so this rule stands in.
 */
class WorkflowDeterminismTest {
  static final JavaClasses WORKFLOW_CODE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(
              "io.agentq.workflows.search",
              "io.agentq.workflows.visibility",
              "io.agentq.core.search");

  @Test
  void noClocksRandomnessThreadsIoOrHashOrder() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(
                "io.agentq.workflows.search",
                "io.agentq.workflows.visibility",
                "io.agentq.core.search")
            .should()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(Math.class, "random")
            .orShould()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.util.Random")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.util.HashMap")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.util.HashSet")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.lang.Thread")
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.util.concurrent..");
    rule.check(WORKFLOW_CODE);
  }
}
