"""Stop words for the languages other than English: the short, common words a query can do without.

English uses lunr.js's own list (analysis.STOP_WORDS). These lists are Kindred's own selection of each
language's most frequent function words (articles, pronouns, prepositions, conjunctions, "no"/"not"), written
as the search sees them: lower case, accents folded ("não" is "nao"). They travel to the browser inside the
search index (search-index.json "synonyms"."analysis"), so the two sides share one list.
"""

from __future__ import annotations

STOP_WORDS_BY_LANGUAGE: dict[str, str] = {
    "es": """a al algo algun alguna algunas alguno algunos ante antes como con contra cual cuando de del desde
        donde durante e el ella ellas ellos en entre era es esa esas ese eso esos esta estas este esto estos fue
        ha hay la las le les lo los me mi mis mucho muy nada ni no nos o os otra otro para pero poco por porque
        que quien se sea ser si sin sobre su sus tambien te ti todo tu tus un una uno unos y ya yo""",
    "pt": """a ao aos as ate com como da das de dela dele do dos e ela ele eles em entre era essa esse esta este
        eu foi ha isso isto ja lhe mais mas me meu minha muito na nas nao nem no nos o os ou para pela pelo por
        quando que quem se sem seu sua tambem te tem tenho um uma voce""",
    "fr": """a au aux avec ce ces dans de des du elle en est et il ils je la le les leur lui ma mais me mes moi
        mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos
        votre vous y""",
    "de": """aber als am an auch auf aus bei bin bis da das dass dem den der des die dich dir du ein eine einem
        einen einer es fur hat habe ich ihr im in ist ja kann kein mich mir mit nach nicht noch nur oder sich sie
        sind so und uns von vor war was wenn wie wir zu zum zur""",
    "nl": """aan al als bij dan dat de der die dit door een en er had heb heeft het hij hoe ik in is je kan maar
        me met mij mijn na naar niet nog nu of om onder ook op over te tot u uit van veel voor was wat we wel wie
        wil zal ze zij zijn zo""",
}
