package io.syncplan.plan;

import io.syncplan.plan.config.HookPoolsProperties;
import io.syncplan.plan.config.LocalRootsProperties;
import io.syncplan.plan.config.PlanApiProperties;
import io.syncplan.plan.console.ConsoleProperties;
import io.syncplan.plan.outbox.OutboxProperties;
import io.syncplan.plan.security.SecurityProperties;
import io.syncplan.testsupport.ConfigurationDocs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every setting of plan-service, with its default, in the configuration table of docs/api.md. */
class ConfigurationDocsTest {

  @Test
  void theApiDocNamesEverySettingWithItsDefault() throws Exception {
    ConfigurationDocs docs = ConfigurationDocs.of("api.md");
    docs.assertDocuments("syncplan.api", PlanApiProperties.class);
    docs.assertDocuments("syncplan.api", LocalRootsProperties.class);
    docs.assertDocuments("syncplan.api", HookPoolsProperties.class);
    docs.assertDocuments("syncplan.outbox", OutboxProperties.class);
    // package-private: the run history's own
    docs.assertDocuments(
        "syncplan.runs", Class.forName("io.syncplan.plan.run.RunHistoryProperties"));
    docs.assertDocuments(
        "syncplan.verify", Class.forName("io.syncplan.plan.run.AutoVerifyProperties"));
    docs.assertDocuments(
        "syncplan.security",
        SecurityProperties.class,
        Map.of("syncplan.security.api-key-pepper", "a-pepper-only-to-create-the-settings-32"));
    docs.assertDocuments("syncplan.console", ConsoleProperties.class);
  }
}
