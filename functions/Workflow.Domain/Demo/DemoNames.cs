namespace Workflow.Domain.Demo;

/// <summary>Name material for fictitious residents and villages, weighted towards surnames common in central Yunnan.</summary>
internal static class DemoNames
{
    private static readonly string[] Surnames =
    [
        "李", "李", "李", "张", "张", "杨", "杨", "王", "王", "刘", "陈", "罗", "罗", "普", "普", "周", "鲁", "起", "毕", "施",
        "苏", "马", "朱", "何", "段", "黄", "吴", "赵", "孙", "钱", "郭", "邓", "许", "胡", "高", "林", "方", "彭", "番", "自",
    ];

    private static readonly string[] MaleGiven =
    [
        "建", "国", "华", "明", "伟", "军", "强", "平", "文", "学", "志", "永", "兴", "德", "光", "林", "海", "春", "成", "荣",
        "顺", "福", "贵", "忠", "有", "发", "昌", "云", "龙", "才", "正", "金", "勇", "刚", "斌", "辉", "雄", "祥", "开", "从",
    ];

    private static readonly string[] FemaleGiven =
    [
        "秀", "英", "兰", "芳", "美", "丽", "珍", "凤", "琼", "梅", "红", "霞", "艳", "萍", "玲", "燕", "敏", "娟", "琴", "仙",
        "菊", "花", "莲", "春", "云", "翠", "桂", "慧", "金", "娥",
    ];

    private static readonly string[] VillageFirst =
    [
        "大", "小", "新", "老", "上", "下", "中", "东", "西", "南", "北", "石", "马", "龙", "凤", "黄", "白", "青", "松", "柏",
        "竹", "梅", "河", "山", "沙", "水", "云", "高", "平", "安", "和", "兴", "德", "福", "团", "长", "红", "双", "三", "九",
    ];

    private static readonly string[] VillageSecond =
    [
        "营", "庄", "坝", "箐", "河", "山", "沟", "哨", "冲", "湾", "坪", "田", "街", "寨", "屯", "铺", "厂", "湖", "塘", "村",
    ];

    internal static int VillageNameCount => VillageFirst.Length * VillageSecond.Length;

    internal static string Surname(Random random) => Pick(random, Surnames);

    internal static string Given(Random random, bool male)
    {
        var pool = male ? MaleGiven : FemaleGiven;
        return random.Next(3) == 0 ? Pick(random, pool) : Pick(random, pool) + Pick(random, pool);
    }

    /// <summary>Distinct village names in a seed-determined order.</summary>
    internal static List<string> VillageNames(Random random, int count)
    {
        var names = VillageFirst.SelectMany(first => VillageSecond.Select(second => first + second + "村")).ToArray();
        random.Shuffle(names);
        return names.Take(count).ToList();
    }

    private static string Pick(Random random, string[] pool) => pool[random.Next(pool.Length)];
}
