namespace PrivacySync.Sandbox.Seeding;

/// <summary>
/// The one fictional person the demo asks about, present in all three systems: a former consultant of Nordvik
/// Consulting AS (HR still holds her employment, payroll, absence and sick-leave records; her Microsoft 365 account
/// was removed when she left) who is now head of IT at the customer Fjellkraft AS — a HubSpot contact with deals,
/// meetings and newsletter consent, and an external correspondent in her former colleagues' mailboxes.
/// </summary>
public static class DemoPersona
{
    public const string FirstName = "Sigrid";
    public const string LastName = "Bakke";
    public const string Name = FirstName + " " + LastName;
    public const string Email = "sigrid.bakke@fjellkraft.example.com";
    public const string Phone = "+47 412 34 567";
    public const string EmployeeNumber = "E001042";
    public const string FormerWorkEmail = "sigrid.bakke@nordvik.example.com";
    public const string NationalId = "01018512345";
    public const string Company = "Fjellkraft AS";
    public const string CompanyDomain = "fjellkraft.example.com";
    public const string JobTitle = "Head of IT";
    public const string LegalEntity = "nordvik-no";

    public static readonly DateOnly EmployedFrom = new(2017, 8, 14);
    public static readonly DateOnly EmployedUntil = new(2023, 5, 31);
}
