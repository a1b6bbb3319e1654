package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.plan.secret.Secrets;
import io.syncplan.plan.web.FieldProblem;
import io.syncplan.plan.web.InvalidRequestException;
import io.syncplan.plan.web.JsonProblems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a JSON Merge Patch (RFC 7396) to a plan: the patch is merged into the plan as a request
 * (secrets left out, so they are kept) and the result is validated like a full request.
 */
@Component
class PlanPatcher {

  private final JsonMapper mapper;
  private final Validator validator;
  private final Secrets secrets;

  PlanPatcher(JsonMapper mapper, Validator validator, Secrets secrets) {
    this.mapper = mapper;
    this.validator = validator;
    this.secrets = secrets;
  }

  PlanRequest patch(PlanSnapshot current, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      throw new InvalidRequestException("", "a merge patch must be a JSON object");
    }
    JsonNode merged = merge(mapper.valueToTree(PlanRequests.of(current, secrets::open)), patch);
    PlanRequest request;
    try {
      request = mapper.treeToValue(merged, PlanRequest.class);
    } catch (JacksonException e) {
      FieldProblem problem = JsonProblems.of(e);
      throw new InvalidRequestException(
          java.util.List.of(
              problem == null ? new FieldProblem("", "the patch does not fit a plan") : problem));
    }
    Set<ConstraintViolation<PlanRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(JsonProblems.of(violations));
    }
    return request;
  }

  /** RFC 7396: objects merge member by member, null removes, anything else replaces. */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : ((ObjectNode) patch).objectNode();
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      if (member.getValue().isNull()) {
        result.remove(member.getKey());
      } else {
        result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
      }
    }
    return result;
  }
}
