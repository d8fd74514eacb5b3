using System.Text;
using System.Xml;
using Microsoft.OData.Edm.Csdl;

namespace Workflow.App.Analytics.OData;

/// <summary>The feed's CSDL (<c>$metadata</c>): <see cref="ODataModel"/> written by the library's <see cref="CsdlWriter"/>.</summary>
public static class ODataMetadata
{
    private static readonly Lazy<string> Written = new(Write);

    public static string Csdl() => Written.Value;

    private static string Write()
    {
        // Written as UTF-8 bytes, not to a StringBuilder, whose XmlWriter would declare the document UTF-16.
        using var bytes = new MemoryStream();
        using (var xml = XmlWriter.Create(bytes, new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) }))
        {
            if (!CsdlWriter.TryWriteCsdl(ODataModel.Model, xml, CsdlTarget.OData, out var errors))
            {
                throw new InvalidOperationException($"The feed's model does not write as CSDL: {string.Join("; ", errors.Select(e => e.ErrorMessage))}");
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
