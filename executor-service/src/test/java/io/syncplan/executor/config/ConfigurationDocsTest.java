package io.syncplan.executor.config;

import io.syncplan.executor.bandwidth.BandwidthProperties;
import io.syncplan.executor.hook.HookProperties;
import io.syncplan.testsupport.ConfigurationDocs;
import org.junit.jupiter.api.Test;

/** Every setting of the executor, with its default, in the configuration table of its doc. */
class ConfigurationDocsTest {

  @Test
  void theExecutorsDocNamesEverySettingWithItsDefault() {
    ConfigurationDocs docs = ConfigurationDocs.of("executor.md");
    docs.assertDocuments("syncplan.executor", ExecutorProperties.class);
    docs.assertDocuments("syncplan.executor", LocalRootsProperties.class);
    docs.assertDocuments("syncplan.executor", HookProperties.class);
    docs.assertDocuments("syncplan.executor", BandwidthProperties.class);
  }
}
