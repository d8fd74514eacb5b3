namespace Workflow.Domain.Register;

/// <summary>性别, as encoded by the parity of the 17th digit of a 身份证号.</summary>
public enum Sex
{
    [ChineseTerm("女")] Female,
    [ChineseTerm("男")] Male,
}
