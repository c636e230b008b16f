package org.carechat.bootstrap.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.carechat.adapter.canary.BadAdapter;
import org.carechat.adapter.inmemory.InMemoryDirectory;
import org.carechat.adapter.inmemory.InMemoryMessages;
import org.carechat.domain.canary.BadDomainClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of CareChat, checked on the compiled classes of every module: the domain depends on Java only,
 * the application on the domain, every adapter on the core and never on another adapter, and no package
 * cycles anywhere.
 */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importEveryModule() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.carechat");
    }

    static ArchRule onion() {
        return onionArchitecture()
                .domainModels("org.carechat.domain..")
                .domainServices("org.carechat.domain.care..")
                .applicationServices("org.carechat.application..")
                .adapter("inmemory", "org.carechat.adapter.inmemory..")
                .adapter("filesystem", "org.carechat.adapter.filesystem..")
                .adapter("jwt", "org.carechat.adapter.jwt..")
                .adapter("websocket", "org.carechat.adapter.websocket..")
                .adapter("rest", "org.carechat.adapter.rest..")
                .adapter("web", "org.carechat.adapter.web..")
                .adapter("mongo", "org.carechat.adapter.mongo..")
                .adapter("sqlite", "org.carechat.adapter.sqlite..")
                .adapter("redis", "org.carechat.adapter.redis..")
                .adapter("webhook", "org.carechat.adapter.webhook..")
                .withOptionalLayers(true)
                // the composition root may see everything; the shared wire format is checked by its own rule
                .ignoreDependency(resideInAPackage("org.carechat.bootstrap.."), alwaysTrue())
                .ignoreDependency(resideInAPackage("org.carechat.wire.."), alwaysTrue())
                .because("data flows inwards: adapters use the core, the core knows no adapter");
    }

    static ArchRule domainDependsOnlyOnJava() {
        return classes().that().resideInAPackage("org.carechat.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.carechat.domain..", "java..")
                .because("the domain is plain Java with no dependency at all");
    }

    static ArchRule applicationDependsOnlyOnDomainAndJava() {
        return classes().that().resideInAPackage("org.carechat.application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.carechat.application..", "org.carechat.domain..", "java..");
    }

    static ArchRule adaptersAreIndependent() {
        return slices().matching("org.carechat.adapter.(*)..").should().notDependOnEachOther()
                .because("an adapter replaces another; it never builds on one");
    }

    static ArchRule wireIsSharedByDrivingAdaptersOnly() {
        return noClasses().that().resideInAnyPackage("org.carechat.domain..", "org.carechat.application..",
                        "org.carechat.adapter.inmemory..", "org.carechat.adapter.filesystem..", "org.carechat.adapter.mongo..",
                        "org.carechat.adapter.sqlite..",
                        "org.carechat.adapter.jwt..", "org.carechat.adapter.webhook..")
                .should().dependOnClassesThat().resideInAPackage("org.carechat.wire..");
    }

    static ArchRule wireKnowsNoAdapter() {
        return noClasses().that().resideInAPackage("org.carechat.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("org.carechat.adapter..", "org.carechat.bootstrap..");
    }

    /** Between modules, between the feature packages of the application, and between adapters. */
    static ArchRule noCycles(String slicePattern) {
        return slices().matching(slicePattern).should().beFreeOfCycles();
    }

    static ArchRule onlyBootstrapCreatesAdapters() {
        return noClasses().that().resideOutsideOfPackages("org.carechat.bootstrap..", "org.carechat.adapter..")
                .should().dependOnClassesThat().resideInAPackage("org.carechat.adapter..");
    }

    @Test
    void the_layers_form_an_onion_with_every_adapter_outside() {
        onion().check(production);
    }

    @Test
    void the_domain_depends_only_on_java() {
        domainDependsOnlyOnJava().check(production);
    }

    @Test
    void the_application_depends_only_on_the_domain_and_java() {
        applicationDependsOnlyOnDomainAndJava().check(production);
    }

    @Test
    void adapters_never_depend_on_each_other() {
        adaptersAreIndependent().check(production);
    }

    @Test
    void the_wire_format_is_used_by_driving_adapters_only_and_knows_none() {
        wireIsSharedByDrivingAdaptersOnly().check(production);
        wireKnowsNoAdapter().check(production);
    }

    @Test
    void modules_application_features_and_adapters_are_free_of_cycles() {
        noCycles("org.carechat.(*)..").check(production);
        noCycles("org.carechat.application.(*)..").check(production);
        noCycles("org.carechat.adapter.(*)..").check(production);
    }

    @Test
    void only_bootstrap_and_the_adapters_themselves_reference_adapters() {
        onlyBootstrapCreatesAdapters().check(production);
    }

    @Test
    void every_module_was_imported_so_the_rules_check_something() {
        assertThat(production.containPackage("org.carechat.domain.conversation")).isTrue();
        assertThat(production.containPackage("org.carechat.application.messaging")).isTrue();
        assertThat(production.containPackage("org.carechat.adapter.inmemory")).isTrue();
        assertThat(production.containPackage("org.carechat.adapter.websocket")).isTrue();
        assertThat(production.containPackage("org.carechat.adapter.rest")).isTrue();
        assertThat(production.containPackage("org.carechat.wire")).isTrue();
    }

    /** The canary: each rule must fail on classes built to break it, or it may be silently checking nothing. */
    @Test
    void the_rules_fail_on_deliberately_bad_classes() {
        JavaClasses bad = new ClassFileImporter()
                .importClasses(BadDomainClass.class, BadAdapter.class, InMemoryMessages.class, InMemoryDirectory.class);

        assertThatThrownBy(() -> domainDependsOnlyOnJava().check(bad))
                .isInstanceOf(AssertionError.class).hasMessageContaining("BadDomainClass");
        assertThatThrownBy(() -> onion().check(bad))
                .isInstanceOf(AssertionError.class).hasMessageContaining("BadDomainClass");
        assertThatThrownBy(() -> adaptersAreIndependent().check(bad))
                .isInstanceOf(AssertionError.class).hasMessageContaining("BadAdapter");
        assertThatThrownBy(() -> onlyBootstrapCreatesAdapters().check(bad))
                .isInstanceOf(AssertionError.class).hasMessageContaining("BadDomainClass");
    }
}
