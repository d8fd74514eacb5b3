using System.Globalization;

namespace Workflow.App.Analytics.OData;

/// <summary>
/// Parses an OData v4 <c>$filter</c> against one table of the schema. The grammar is deliberately small:
/// <c>or</c>, <c>and</c>, <c>not</c>, parentheses, <c>Column eq|ne|gt|ge|lt|le literal</c>, and
/// <c>contains</c>/<c>startswith</c> on string columns. Literals are strings ('' escapes a quote), integers, decimals,
/// true/false, null, dates (2020-03-01) and date-times (2020-03-01T08:00:00Z). A name that is not one of the table's
/// columns, any other function or operator, a literal of the wrong type, or a filter over the size limits is an
/// <see cref="ODataQueryException"/>: nothing of the text reaches storage except as values in a
/// <see cref="Storage.Tables.TableFilter"/>.
/// </summary>
public sealed class FilterParser
{
    public const int MaxLength = 2000;
    public const int MaxNodes = 100;
    private const int MaxDepth = 20;

    private static readonly HashSet<string> Comparisons = new(StringComparer.Ordinal) { "eq", "ne", "gt", "ge", "lt", "le" };

    private readonly ExportTable _table;
    private readonly List<Token> _tokens;
    private int _position;
    private int _nodes;

    private FilterParser(ExportTable table, List<Token> tokens)
    {
        _table = table;
        _tokens = tokens;
    }

    public static FilterNode Parse(ExportTable table, string filter)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Length > MaxLength)
        {
            throw new ODataQueryException($"$filter is longer than {MaxLength} characters.");
        }

        var parser = new FilterParser(table, Tokenize(filter));
        var node = parser.ParseOr(0);
        if (parser.Peek() is { } extra)
        {
            throw new ODataQueryException($"Unexpected '{extra.Text}' at position {extra.At + 1} of $filter.");
        }

        return node;
    }

    private FilterNode ParseOr(int depth)
    {
        var left = ParseAnd(depth);
        while (TakeWord("or"))
        {
            left = Count(new OrNode(left, ParseAnd(depth)));
        }

        return left;
    }

    private FilterNode ParseAnd(int depth)
    {
        var left = ParseUnary(depth);
        while (TakeWord("and"))
        {
            left = Count(new AndNode(left, ParseUnary(depth)));
        }

        return left;
    }

    private FilterNode ParseUnary(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ODataQueryException($"$filter nests deeper than {MaxDepth} levels.");
        }

        if (TakeWord("not"))
        {
            return Count(new NotNode(ParseUnary(depth + 1)));
        }

        if (Take(TokenKind.Open))
        {
            var inner = ParseOr(depth + 1);
            Expect(TokenKind.Close, "')'");
            return inner;
        }

        var name = Expect(TokenKind.Word, "a column name");
        if (Take(TokenKind.Open))
        {
            return ParseFunction(name);
        }

        var column = Column(name);
        var op = Expect(TokenKind.Word, "a comparison operator (eq, ne, gt, ge, lt, le)");
        if (!Comparisons.Contains(op.Text))
        {
            throw new ODataQueryException($"'{op.Text}' is not a supported operator; use eq, ne, gt, ge, lt or le.");
        }

        var literal = Next() ?? throw new ODataQueryException($"A value is missing after '{op.Text}'.");
        var value = Literal(column, literal);
        if (value is null && op.Text is not ("eq" or "ne"))
        {
            throw new ODataQueryException($"null can only be compared with eq or ne.");
        }

        return Count(new ComparisonNode(column, op.Text, value));
    }

    private TextMatchNode ParseFunction(Token name)
    {
        if (name.Text is not ("contains" or "startswith"))
        {
            throw new ODataQueryException($"The function '{name.Text}' is not supported; only contains and startswith are.");
        }

        var column = Column(Expect(TokenKind.Word, "a column name"));
        if (column.Type != ColumnType.String)
        {
            throw new ODataQueryException($"{name.Text} needs a text column; {column.Name} is {column.Type}.");
        }

        Expect(TokenKind.Comma, "','");
        var text = Expect(TokenKind.String, "a quoted string");
        Expect(TokenKind.Close, "')'");
        return Count(new TextMatchNode(column, name.Text, text.Text));
    }

    private ExportColumn Column(Token name) =>
        _table.Find(name.Text) ?? throw new ODataQueryException($"'{name.Text}' is not a column of {_table.Name}.");

    private static object? Literal(ExportColumn column, Token token)
    {
        object? Mismatch() => throw new ODataQueryException($"{column.Name} is {column.Type}; '{token.Text}' is not a {column.Type} value.");

        if (token.Kind == TokenKind.Word && token.Text == "null")
        {
            return null;
        }

        return column.Type switch
        {
            ColumnType.String => token.Kind == TokenKind.String ? token.Text : Mismatch(),
            ColumnType.Bool => token.Kind == TokenKind.Word && token.Text is "true" or "false" ? token.Text == "true" : Mismatch(),
            ColumnType.Int or ColumnType.Long or ColumnType.Decimal or ColumnType.Double =>
                token.Kind == TokenKind.Number && decimal.TryParse(token.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : Mismatch(),
            ColumnType.Date => token.Kind == TokenKind.Date && DateOnly.TryParseExact(token.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : Mismatch(),
            ColumnType.DateTime => token.Kind == TokenKind.DateTime && DateTimeOffset.TryParse(token.Text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? time.ToUniversalTime()
                : Mismatch(),
            _ => Mismatch(),
        };
    }

    private T Count<T>(T node)
        where T : FilterNode
    {
        if (++_nodes > MaxNodes)
        {
            throw new ODataQueryException($"$filter has more than {MaxNodes} conditions.");
        }

        return node;
    }

    private Token? Peek() => _position < _tokens.Count ? _tokens[_position] : null;

    private Token? Next() => _position < _tokens.Count ? _tokens[_position++] : null;

    private bool Take(TokenKind kind)
    {
        if (Peek() is { } token && token.Kind == kind)
        {
            _position++;
            return true;
        }

        return false;
    }

    private bool TakeWord(string word)
    {
        if (Peek() is { Kind: TokenKind.Word } token && token.Text == word)
        {
            _position++;
            return true;
        }

        return false;
    }

    private Token Expect(TokenKind kind, string what)
    {
        var token = Next();
        return token is not null && token.Kind == kind
            ? token
            : throw new ODataQueryException(token is null ? $"$filter ends where {what} was expected." : $"Expected {what} at position {token.At + 1}, found '{token.Text}'.");
    }

    private enum TokenKind
    {
        Word,
        String,
        Number,
        Date,
        DateTime,
        Open,
        Close,
        Comma,
    }

    private sealed record Token(TokenKind Kind, string Text, int At);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ' ')
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new Token(c == '(' ? TokenKind.Open : c == ')' ? TokenKind.Close : TokenKind.Comma, c.ToString(), i));
                i++;
            }
            else if (c == '\'')
            {
                var start = i++;
                var value = new System.Text.StringBuilder();
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new ODataQueryException($"The string starting at position {start + 1} is not closed.");
                    }

                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            value.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(text[i++]);
                }

                tokens.Add(new Token(TokenKind.String, value.ToString(), start));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i++;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '-' or ':' or '+'))
                {
                    i++;
                }

                var literal = text[start..i];
                var kind = literal.Contains('T', StringComparison.Ordinal) ? TokenKind.DateTime
                    : literal.IndexOf('-', 1) > 0 ? TokenKind.Date
                    : TokenKind.Number;
                tokens.Add(new Token(kind, literal, start));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i], start));
            }
            else
            {
                throw new ODataQueryException($"'{c}' at position {i + 1} is not allowed in $filter.");
            }
        }

        return tokens;
    }
}
