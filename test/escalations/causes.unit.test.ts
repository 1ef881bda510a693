import { describe, expect, it } from "vitest";
import { causeFor, needsAuthority } from "../../src/escalations/causes.js";

const frustration = (kinds: string[], priorContacts = 0) => ({
  frustration: { level: 3, label: "needs-human", priorContacts, evidence: kinds.map((kind) => ({ cue: "phrase", kind, matched: kind })) },
  signals: [],
});

describe("causeFor: why an escalation happened, where Deflect knows it", () => {
  it("a functional escalation because no article matched is a knowledge gap", () => {
    expect(causeFor({ type: "functional", manual: false, reason: "No article matches", verdict: { decision: "escalate", matches: [] } })).toBe("knowledge_gap");
    expect(causeFor({ type: "functional", manual: false, reason: "Portal: the customer tried public fix art_1 and it did not solve the problem", verdict: null })).toBe(
      "knowledge_gap",
    );
  });

  it("a hierarchical escalation the customer demanded is customer_demand; insults or anger alone are conflict", () => {
    const auto = (verdict: unknown, reason: string) => causeFor({ type: "hierarchical", manual: false, reason, verdict });
    expect(auto(frustration(["manager"]), "Customer needs a human (manager)")).toBe("customer_demand");
    expect(auto(frustration(["churn", "insult"]), "Customer needs a human (churn, insult)")).toBe("customer_demand");
    expect(auto(frustration(["legal"]), "Customer needs a human (legal)")).toBe("customer_demand");
    expect(auto(frustration([], 3), "Customer needs a human (repeat)")).toBe("customer_demand");
    expect(auto(frustration(["insult"]), "Customer needs a human (insult)")).toBe("conflict");
    expect(auto(frustration(["anger"]), "Angry customer (frustration level 2): this team hands angry customers to a supervisor")).toBe("conflict");
    // A discounted (quoted) manager demand is not the customer's demand.
    const quoted = {
      frustration: {
        level: 3,
        evidence: [
          { cue: "phrase", kind: "manager", matched: "manager", discounted: "quoted" },
          { cue: "phrase", kind: "insult", matched: "idiots" },
        ],
      },
    };
    expect(auto(quoted, "Customer needs a human (insult)")).toBe("conflict");
    // Verdicts stored before frustration levels: the escalating signals decide.
    expect(auto({ signals: [{ kind: "review", escalates: true }] }, "Escalation signals")).toBe("customer_demand");
  });

  it("a fix that exists but is internal needs authority", () => {
    const verdict = { decision: "suggest", matches: [{ articleId: "art_1", visibility: "internal" }] };
    expect(causeFor({ type: "functional", manual: true, reason: "Customer still cannot log in", verdict })).toBe("authorisation");
    expect(causeFor({ type: "functional", manual: true, reason: "Customer still cannot log in", verdict: { ...verdict, matches: [{ visibility: "public" }] } })).toBe(
      "knowledge_gap",
    );
  });

  it("an agent's reason asking for approval, a refund, a credit or an exception is authorisation, in six languages", () => {
    for (const reason of [
      "Needs a refund approved by billing",
      "Customer asks for a credit on the next invoice",
      "Can we make an exception for this contract?",
      "Zákazník žádá vrácení peněz, potřebuji schválení",
      "Prosím o výjimku z podmínek",
      "Asiakas pyytää hyvitystä, tarvitaan esimiehen hyväksyntä",
      "Tarvitaan poikkeus sopimukseen",
      "Cliente pede reembolso, precisa de aprovação",
      "Pedido de exceção à política",
      "Kunde möchte eine Rückerstattung, bitte Genehmigung",
      "Bitte Gutschrift als Kulanz",
      "El cliente pide un reembolso, necesita aprobación",
      "Solicita una excepción y un crédito",
    ]) {
      expect(needsAuthority(reason), reason).toBe(true);
      expect(causeFor({ type: "functional", manual: true, reason, verdict: null }), reason).toBe("authorisation");
    }
  });

  it("words that only look like authority do not count", () => {
    for (const reason of [
      "Credit card payment fails at checkout",
      "Pago con tarjeta de crédito rechazado",
      "Kreditkarte wird abgelehnt",
      "Exception thrown at startup",
      "Tämä ei ole hyväksyttävää",
    ]) {
      expect(needsAuthority(reason), reason).toBe(false);
    }
  });

  it("a manual escalation is a knowledge gap unless the agent says otherwise; the agent's cause always wins", () => {
    expect(causeFor({ type: "functional", manual: true, reason: "Tier 1 does not know this product", verdict: null })).toBe("knowledge_gap");
    expect(causeFor({ type: "hierarchical", manual: true, reason: "Customer is upset", verdict: frustration(["manager"]) })).toBe("knowledge_gap");
    expect(causeFor({ type: "functional", manual: true, reason: "Needs a refund", verdict: null, agentCause: "defect" })).toBe("defect");
  });
});
