using Newtonsoft.Json.Linq;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// The body a Teams Workflows "When a Teams webhook request is received" trigger takes: a message whose attachments
/// are Adaptive Cards. The attachment's name carries the card's kind, so one flow can tell a card to post and wait
/// on (an approval) from a card only to post.
/// </summary>
public static class TeamsMessage
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public static JObject Wrap(string cardName, JObject card) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JArray(new JObject
        {
            ["contentType"] = AdaptiveCardContentType,
            ["contentUrl"] = null,
            ["name"] = cardName,
            ["content"] = card,
        }),
    };
}
