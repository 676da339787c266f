-- 青创贷 repayments as the bank reports them: one row per loan and period.
-- A period's subsidy is paid only when it was repaid in full on time.
CREATE TABLE startup_repayments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    loan_id      INTEGER NOT NULL REFERENCES startup_loans(id),
    period_n     INTEGER NOT NULL,
    paid_on      DATE NOT NULL,
    amount       INTEGER NOT NULL,
    recorded_by  INTEGER NOT NULL DEFAULT 0,
    recorded_at  TIMESTAMP NOT NULL,
    UNIQUE (loan_id, period_n)
);
