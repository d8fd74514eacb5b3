using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workflow.App.Tests.Logging;

/// <summary>
/// Every log line the app writes, at every level from Trace, with everything a provider could write of it: the
/// formatted message, each state value, each scope (as text and its values) and the exception with its stack. What a
/// console, a file or Application Insights would keep is a subset of this.
/// </summary>
internal sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLine> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<CapturedLine> Lines => _lines;

    /// <summary>Adds this provider to the app and lets it see every category at Trace, whatever else is configured.</summary>
    public void AddTo(WebApplicationBuilder builder)
    {
        builder.Logging.AddProvider(this);
        // A rule for this provider beats every rule for all providers (the app's quiet engine defaults among them).
        builder.Logging.AddFilter<CapturedLogs>(category: null, LogLevel.Trace);
    }

    /// <summary>All captured text, one line after another.</summary>
    public string Text() => string.Join('\n', _lines.Select(line => line.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder().Append(logLevel).Append(' ').Append(category).Append('[').Append(eventId.Id).Append("]: ")
                .Append(formatter(state, exception));
            AppendValues(text, state);
            owner._scopes.ForEachScope((scope, line) =>
            {
                line.Append(" | scope: ").Append(scope);
                AppendValues(line, scope);
            }, text);
            if (exception is not null)
            {
                text.Append(" | exception: ").Append(exception);
            }

            owner._lines.Enqueue(new CapturedLine(logLevel, category, eventId, text.ToString()));
        }

        private static void AppendValues(StringBuilder text, object? values)
        {
            if (values is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    text.Append(" | ").Append(key).Append('=').Append(value);
                }
            }
        }
    }
}

internal sealed record CapturedLine(LogLevel Level, string Category, EventId EventId, string Text);
