package io.syncplan.scheduler.config;

import io.syncplan.testsupport.ConfigurationDocs;
import org.junit.jupiter.api.Test;

/**
 * The defaults of {@code syncplan.scheduler.*} live in {@link SchedulerProperties}; the table in
 * docs/scheduling.md must say the same, for every setting.
 */
class SchedulerConfigurationDocsTest {

  @Test
  void theDocumentedDefaultsAreTheDefaultsOfEverySetting() {
    ConfigurationDocs.of("scheduling.md")
        .assertDocuments("syncplan.scheduler", SchedulerProperties.class);
  }
}
