-- 青创贷 repayments as the bank reports them: one row per loan and period.
-- A period's subsidy is paid only when it was repaid in full on time.
CREATE TABLE startup_repayments (
    id           BIGSERIAL PRIMARY KEY,
    loan_id      BIGINT NOT NULL REFERENCES startup_loans(id),
    period_n     INTEGER NOT NULL,
    paid_on      DATE NOT NULL,
    amount       BIGINT NOT NULL,
    recorded_by  BIGINT NOT NULL DEFAULT 0,
    recorded_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (loan_id, period_n)
);
