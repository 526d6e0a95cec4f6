-- Sample HR database (PostgreSQL). Fictional; modelled on the Nordic policies in DESIGN.md.
CREATE TABLE employees (
  employee_id      INTEGER PRIMARY KEY,
  employee_number  VARCHAR(20)  NOT NULL UNIQUE,
  national_id_hash VARCHAR(64),
  first_name       VARCHAR(100) NOT NULL,
  last_name        VARCHAR(100) NOT NULL,
  work_email       VARCHAR(254) NOT NULL UNIQUE,
  private_phone    VARCHAR(40),
  private_address  VARCHAR(200),
  birth_date       DATE,
  bank_account     VARCHAR(34),
  employment_start DATE NOT NULL,
  employment_end   DATE,
  processing_restricted BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX employees_work_email_lower ON employees (lower(work_email));
CREATE INDEX employees_national_id_hash ON employees (national_id_hash);

CREATE TABLE contracts (
  contract_id   INTEGER PRIMARY KEY,
  employee_id   INTEGER NOT NULL REFERENCES employees (employee_id),
  title         VARCHAR(100) NOT NULL,
  contract_type VARCHAR(20)  NOT NULL,
  monthly_salary NUMERIC(12, 2) NOT NULL,
  start_date    DATE NOT NULL,
  end_date      DATE
);
CREATE INDEX contracts_employee ON contracts (employee_id);

CREATE TABLE payroll (
  payroll_id   INTEGER PRIMARY KEY,
  employee_id  INTEGER NOT NULL REFERENCES employees (employee_id),
  pay_date     DATE NOT NULL,
  gross        NUMERIC(12, 2) NOT NULL,
  tax_withheld NUMERIC(12, 2) NOT NULL,
  net          NUMERIC(12, 2) NOT NULL,
  bank_account VARCHAR(34)
);
CREATE INDEX payroll_employee ON payroll (employee_id);

CREATE TABLE payroll_lines (
  line_id     BIGINT PRIMARY KEY,
  payroll_id  INTEGER NOT NULL REFERENCES payroll (payroll_id),
  code        VARCHAR(20)  NOT NULL,
  description VARCHAR(200) NOT NULL,
  amount      NUMERIC(12, 2) NOT NULL
);
CREATE INDEX payroll_lines_payroll ON payroll_lines (payroll_id);

CREATE TABLE absences (
  absence_id   INTEGER PRIMARY KEY,
  employee_id  INTEGER NOT NULL REFERENCES employees (employee_id),
  absence_type VARCHAR(30) NOT NULL,
  start_date   DATE NOT NULL,
  end_date     DATE
);
CREATE INDEX absences_employee ON absences (employee_id);

CREATE TABLE sick_leave (
  sick_leave_id    INTEGER PRIMARY KEY,
  employee_id      INTEGER NOT NULL REFERENCES employees (employee_id),
  start_date       DATE NOT NULL,
  end_date         DATE,
  certificate_type VARCHAR(30) NOT NULL,
  diagnosis_note   VARCHAR(500)
);
CREATE INDEX sick_leave_employee ON sick_leave (employee_id);

CREATE TABLE training (
  training_id      INTEGER PRIMARY KEY,
  employee_id      INTEGER REFERENCES employees (employee_id),
  course_name      VARCHAR(200) NOT NULL,
  completed_on     DATE,
  participant_note VARCHAR(500)
);
CREATE INDEX training_employee ON training (employee_id);

CREATE TABLE applicants (
  applicant_id    INTEGER PRIMARY KEY,
  full_name       VARCHAR(200) NOT NULL,
  email           VARCHAR(254) NOT NULL,
  phone           VARCHAR(40),
  position        VARCHAR(100) NOT NULL,
  cv_summary      TEXT,
  applied_at      DATE NOT NULL,
  consent_to_keep BOOLEAN NOT NULL DEFAULT FALSE,
  processing_restricted BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX applicants_email_lower ON applicants (lower(email));

-- Written by PrivacySync in the erasure's own transaction; read by the nightly job.
CREATE TABLE privacysync_erasure_schedule (
  id           BIGSERIAL PRIMARY KEY,
  root_table   VARCHAR(128) NOT NULL,
  root_key     VARCHAR(200) NOT NULL,
  table_name   VARCHAR(128) NOT NULL,
  erase_on     DATE,
  legal_basis  VARCHAR(500) NOT NULL,
  scheduled_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX privacysync_erasure_schedule_due ON privacysync_erasure_schedule (erase_on);
CREATE INDEX privacysync_erasure_schedule_root ON privacysync_erasure_schedule (root_table, root_key);
