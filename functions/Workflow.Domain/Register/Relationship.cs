namespace Workflow.Domain.Register;

/// <summary>与户主关系, in the terms of the national registration system.</summary>
public enum Relationship
{
    [ChineseTerm("户主", "本人")] Head,
    [ChineseTerm("配偶")] Spouse,
    [ChineseTerm("之子", "儿子")] Son,
    [ChineseTerm("之女", "女儿")] Daughter,
    [ChineseTerm("之儿媳", "儿媳")] DaughterInLaw,
    [ChineseTerm("之女婿", "女婿")] SonInLaw,
    [ChineseTerm("之孙子", "孙子")] Grandson,
    [ChineseTerm("之孙女", "孙女")] Granddaughter,
    [ChineseTerm("之父", "父亲")] Father,
    [ChineseTerm("之母", "母亲")] Mother,
    [ChineseTerm("之兄弟姐妹", "兄弟姐妹")] Sibling,
    [ChineseTerm("其他")] Other,
}
