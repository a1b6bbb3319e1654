package io.syncplan.notification.content;

import io.syncplan.notification.config.NotificationProperties;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a notification with a template from {@code resources/templates}: {@code .txt} files as
 * plain text, {@code .html} files as HTML (values escaped).
 */
@Component
public class NotificationTemplates {

  private final ITemplateEngine engine;
  private final NotificationProperties properties;

  NotificationTemplates(
      ITemplateEngine notificationTemplateEngine, NotificationProperties properties) {
    this.engine = notificationTemplateEngine;
    this.properties = properties;
  }

  /**
   * @param template for example {@code mail/body.html}
   */
  public String render(String template, Notification notification) {
    Map<String, Object> variables =
        TemplateVariables.of(notification, properties.timeZone(), properties.email().logLines());
    return engine.process(template, new Context(null, variables)).strip();
  }

  /** A short one-line outcome, for example {@code failed}. */
  public static String outcome(Notification notification) {
    return TemplateVariables.outcome(notification);
  }
}
