package io.syncplan.plan.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The verifications plans ask for by themselves.
 *
 * @param dailyCheck how often plan-service looks for DAILY plans due a verification
 */
@ConfigurationProperties("syncplan.verify")
record AutoVerifyProperties(@DefaultValue("10m") Duration dailyCheck) {

  AutoVerifyProperties {
    if (dailyCheck.isNegative() || dailyCheck.isZero()) {
      throw new IllegalArgumentException("syncplan.verify.daily-check must be positive");
    }
  }
}
