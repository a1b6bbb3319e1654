package io.syncplan.notification;

import io.syncplan.notification.config.NotificationProperties;
import io.syncplan.testsupport.ConfigurationDocs;
import org.junit.jupiter.api.Test;

/** Every setting of notification-service, with its default, in docs/notifications.md. */
class ConfigurationDocsTest {

  @Test
  void theNotificationsDocNamesEverySettingWithItsDefault() {
    ConfigurationDocs.of("notifications.md")
        .assertDocuments("syncplan.notifications", NotificationProperties.class);
  }
}
