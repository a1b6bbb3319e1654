package io.syncplan.plan.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description served at {@code /v3/api-docs} and {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

  @Bean
  OpenAPI syncplanOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("syncplan API")
                .version("v1")
                .description(
                    """
                    Scheduled and on-demand rclone sync plans. Authenticate with \
                    `Authorization: Bearer <API key or JWT>`; viewers read, operators also run, \
                    pause, resume and cancel, admins also change plans, storages and keys. Every \
                    error is RFC 9457 `application/problem+json` listing each offending field in \
                    `errors`. Responses carrying a plan or storage have its version as `ETag`; \
                    send it back as `If-Match` to change it only if nobody else did (412 if they \
                    did).""")
                .license(new License().name("Apache-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API key (spk_...) or a JWT from the configured issuer")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
