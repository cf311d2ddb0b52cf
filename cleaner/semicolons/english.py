"""Small English word classes for reading the context of a semicolon without a tagger.

The lists are closed classes (pronouns, conjunctions, prepositions, auxiliaries) plus the
commonest irregular and reporting verbs; open-class words are judged by their endings.
"""

from __future__ import annotations

COORDINATORS_CLAUSE = frozenset({"but", "yet", "so"})
COORDINATORS_PHRASE = frozenset({"and", "or", "nor"})
RELATIVES = frozenset({"which", "who", "whom", "whose", "whereby", "wherein"})
SUBORDINATORS = frozenset({
    "although", "though", "while", "whilst", "whereas", "because", "unless", "whether",
    "until", "till", "once", "lest", "wherever", "whenever",
})
# Prepositions that open a sentence-level adverbial: after them a comma, not nothing.
ADVERBIAL_PREPOSITIONS = frozenset({
    "amid", "amidst", "despite", "according", "including", "excluding", "unlike", "notwithstanding",
    "alongside", "regarding", "concerning", "besides", "plus", "except", "like", "as",
    "following", "citing", "given",
})
# Prepositions that continue the phrase before them ("interest in", "threats about").
BINDING_PREPOSITIONS = frozenset({
    "in", "of", "about", "on", "at", "to", "for", "with", "from", "by", "into", "onto", "over",
    "under", "through", "throughout", "between", "among", "amongst", "against", "within", "without",
    "across", "toward", "towards", "upon", "via", "per", "during", "after", "before", "since",
    "around", "behind", "beyond", "near", "inside", "outside", "along", "than", "off", "up", "down",
})
CONJUNCTIVE_ADVERBS = frozenset({
    "however", "therefore", "moreover", "furthermore", "nevertheless", "nonetheless", "thus",
    "hence", "consequently", "meanwhile", "otherwise", "instead", "indeed", "accordingly",
    "still", "besides", "likewise", "similarly", "conversely", "subsequently", "then", "also",
    "namely", "finally", "later", "now", "today", "yesterday", "rather", "in fact", "overall",
})
SUBJECT_PRONOUNS = frozenset({
    "i", "we", "you", "he", "she", "it", "they", "there", "this", "that", "these", "those",
    "one", "nobody", "everyone", "someone", "nothing", "everything", "something", "none", "all",
    "both", "each", "many", "most", "some", "few", "others", "here",
})
# "this weakens", "that leaves": a singular demonstrative takes an "-s" verb; "these options"
# is a plural noun.
SINGULAR_DEMONSTRATIVES = frozenset({"this", "that"})
PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "there"})
DETERMINERS = frozenset({
    "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that", "these",
    "those", "another", "every", "each", "some", "any", "no", "both", "either", "neither",
    "several", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "many",
    "most", "all", "such", "one", "former", "current", "then", "now", "few",
})
AUXILIARIES = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does",
    "did", "will", "would", "can", "could", "shall", "should", "may", "might", "must", "cannot",
    "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "don't", "doesn't",
    "didn't", "won't", "wouldn't", "can't", "couldn't", "shouldn't", "mustn't",
})
COMMON_VERBS = frozenset("""
says said tells told makes made takes took goes went gets got comes came sees saw knows knew
thinks thought gives gave finds found leaves left becomes became begins began keeps kept holds
held brings brought writes wrote stands stood runs ran meets met pays paid sends sent builds built
falls fell feels felt leads led loses lost wins won sells sold spends spent seems seemed looks
looked wants wanted needs needed shows showed shown remains remained continues continued includes
means meant plans planned expects expected aims aimed hopes hoped believes believed appears
appeared works worked uses used tries tried calls called asks asked helps helped starts started
lives lived moves moved plays played puts sets lets grew grows rose rises hits cuts ended ends
opened opens closed closes added adds noted notes argued argues claimed claims insisted insists
denied denies reported reports announced announces confirmed confirms warned warns explained
explains admitted admits suggested suggests agreed agrees decided decides refused refuses failed
fails happened happens served serves offered offers allowed allows required requires changed
changes followed follows turned turns returned returns arrived arrives died dies killed kills
voted votes passed passes raised raises reached reaches stayed stays spoke speaks heard hears
reads learned learns taught teaches bought buys caught catches fought fights broke breaks chose
chooses drove drives flew flies ate eats drank drinks slept sleeps wore wears lay lies sat sits
understood understands cost costs sank swam drew threw tore
""".split()) | frozenset(
    # The past tenses of irregular verbs that are no other part of speech (not "bore", "wound",
    # "lay", "spread", "set"): "my father never forgave him", "the crowd fled".
    """arose awoke blew clung crept dealt dwelt fled flung forbade forgave forgot froze hid knelt leapt
    rode rang sang shook shone slew slid slung sought spat sprang stole strode strove struck stung
    swore swung trod undertook withdrew woke wove wept wrung overcame overtook mistook foresaw""".split())
# Base forms: verbs after a subject ("we take"), or commands ("take the train").
BASE_VERBS = frozenset("""
come cut find get give go hit know let make put read say see set take tell think
""".split())
# A verb of saying after these is passive ("no complications were reported"), and a negation
# says what was not said ("he never said"): a clause of its own, no attribution.
PASSIVE_AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"})
NEGATIONS = frozenset({"not", "never", "hardly", "seldom", "rarely", "barely", "scarcely"})
REPORTING_VERBS = frozenset({
    "said", "says", "say", "told", "added", "noted", "confirmed", "announced", "reported", "stated",
    "explained", "wrote", "writes", "argued", "insisted", "warned", "claimed", "recalled", "admitted",
    "acknowledged", "estimated", "predicted", "joked", "replied", "concluded", "conceded",
    "stressed", "emphasised", "emphasized", "observed", "cautioned", "tweeted",
})
# Titles a speaker addresses someone by ("Mr. Hale", "Sir", "Doctor").
TITLES = frozenset({"mr", "mrs", "miss", "ms", "dr", "sir", "madam", "madame", "ma'am", "doctor", "professor",
                    "captain", "sergeant", "colonel", "general", "father", "sister", "mister"})
# Verbs of a short parenthesis after a clause ("…, I fear.", "…, you know,", "…, she knew ("):
# a pronoun and one of these, with nothing after it before the next mark.
# Who speaks such a parenthesis: a person, bare ("I fear"; not "it's fear", a clause).
PARENTHETICAL_SUBJECTS = frozenset({"i", "we", "you", "he", "she", "they"})
PARENTHETICAL_VERBS = frozenset({
    "believe", "believed", "think", "thought", "know", "knew", "fear", "feared", "suppose", "supposed",
    "guess", "imagine", "understand", "hope", "expect", "suspect", "mean", "see", "promised", "agreed",
})
# Pronouns a verb of saying takes as its hearer ("told her", "said to me").
OBJECT_PRONOUNS = frozenset({"me", "him", "her", "us", "them", "you"})
# Verbs that take a clause opened by "that" ("says that", "saw that", "suggest that"); after
# another verb "that" is a pronoun ("Give that to me").
THAT_CLAUSE_VERBS = REPORTING_VERBS | PARENTHETICAL_VERBS | frozenset("""
suggest suggests suggested show shows showed shown find finds found saw sees seen means meant hopes hoped
feel feels felt learn learns learned learnt realize realized realise realised insist insists ensure ensures
ensured prove proves proved agree agrees hold holds held argue argues decided knows thinks believes assume
assumed indicate indicates indicated conclude concluded say""".split())
# Reporting verbs that take what was said as their object, so that standing last with nothing
# after them ("…; the company said.") they can only be an attribution. Not "replied", "wrote",
# "warned": "She wrote; he replied." joins two clauses.
CLAUSE_TAKING_REPORTING_VERBS = frozenset({
    "said", "says", "say", "added", "noted", "stated", "explained", "confirmed", "announced", "reported",
    "insisted", "claimed", "argued", "acknowledged", "estimated", "stressed", "emphasised", "emphasized",
    "tweeted",
})
# Verbs that introduce a quotation ("Malaska asked; “Could it live there?”").
QUOTING_VERBS = REPORTING_VERBS | frozenset({"asked", "answered", "shouted", "whispered", "yelled", "exclaimed",
                                            "remarked", "responded", "continued", "declared", "wondered"})
# Their forms in "-ing", which introduce a quotation as well ("…, saying, “I see”"); not those
# that are nouns too ("He gave no warning; “Run!” came the shout", "his writing").
QUOTING_PARTICIPLES = frozenset({
    "saying", "asking", "adding", "replying", "shouting", "whispering", "declaring", "explaining",
    "announcing", "insisting", "exclaiming", "yelling",
})
# Adverbs that carry a sentence on rather than open a clause ("; only to find", "; then trimmed").
PHRASE_ADVERBS = frozenset({
    "only", "then", "even", "ever", "just", "also", "too", "perhaps", "maybe", "mostly", "often",
    "sometimes", "always", "never", "almost", "again", "together", "instead", "alone", "rather",
    "still", "yet", "soon", "later", "first", "once", "twice", "here", "there", "now", "not",
})
# Whole introductions that end before the main clause ("That said, the phone is fast").
INTRO_IDIOMS = frozenset({
    "that said", "the fact is", "the truth is", "in fact", "of course", "chances are", "even so",
    "mind you", "to be fair", "to be sure", "in short", "in other words", "that being said",
    "having said that", "all the same", "at the same time", "by the way", "as a result", "for example",
    "for instance", "in addition", "in the meantime", "on the other hand", "in any case", "after all",
})
# Heads of introductory phrases that the preposition lists lack.
INTRO_HEADS = frozenset({"apart", "aside", "thanks", "due", "owing", "prior", "contrary", "compared",
                         "regardless", "unlike", "not", "instead"})
# Words that open a subordinate clause or phrase: what follows them up to the semicolon
# cannot stand alone ("If anything;", "After the board met;").
LEFT_SUBORDINATORS = SUBORDINATORS | frozenset({
    "if", "when", "whenever", "as", "since", "after", "before", "because", "unless", "until",
    "once", "though", "although", "while", "whereas", "wherever", "whether", "unlike", "despite",
})
# The commonest English function words: enough of them tell English text from other languages.
FUNCTION_WORDS = frozenset("""
the a an and or but of in on at to for with from by as is are was were be been it its this that
these those he she they we you i his her their our not no have has had do does did will would can
could should may might must there which who what when where than then so if about into over after
""".split())
# The calendar, lower case, and a month as dates spell it ("Jan", "Sept.", "January").
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december"})
MONTH_PATTERN = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|"
                 r"June|July|August|September|October|November|December)")
# Verbs that commonly open a command; "Go for the leek; stay for the tart" joins two.
IMPERATIVES = frozenset("""
go stay come try order skip book visit read watch take make get keep let see ask call check avoid
bring buy pick choose start stop leave look listen wait think remember forget give put use add mix
stir bake cook serve pour cut turn press click tap open close save share enjoy expect plan
""".split())
# -ing words that are nouns or prepositions, not participles.
ING_NOUNS = frozenset({
    "thing", "things", "something", "nothing", "anything", "everything", "morning", "evening",
    "building", "buildings", "meeting", "meetings", "king", "kings", "ring", "spring", "string",
    "wing", "during", "sibling", "ceiling", "wedding", "pudding", "clothing", "housing", "funding",
    "training", "feeling", "feelings", "beginning", "ending", "painting", "setting", "settings",
    "warning", "warnings", "reading", "writing", "hearing", "ruling", "offering", "earnings",
    "savings", "spelling", "heading", "landing", "parking", "shopping", "swimming", "opening",
})
ED_NON_VERBS = frozenset({
    "need", "speed", "indeed", "red", "bed", "hundred", "seed", "feed", "shed", "bred", "wed", "led",
    "sacred", "naked", "wicked", "rugged", "kindred", "creed", "greed", "deed", "weed", "ted", "fred",
})


_S_CONTRACTION_BASES = frozenset({"it", "he", "she", "that", "there", "what", "who", "here", "where", "this"})


IRREGULAR_PARTICIPLES = frozenset("""
led made held built given taken written known shown seen done found left kept sold told paid sent
won brought bought caught taught thought fought spent lost met read set put cut hit hurt born borne
driven chosen spoken broken stolen frozen hidden ridden risen fallen grown drawn thrown flown worn
torn sworn beaten bitten eaten forgotten gotten begun sung rung drunk swum struck stuck hung dug
""".split())


def is_participle(word: str) -> bool:
    """A lowercase word that reads as a present or past participle."""
    if not word.islower():
        return False
    if word in IRREGULAR_PARTICIPLES:
        return True
    if word.endswith("ing") and len(word) > 4 and word not in ING_NOUNS:
        return True
    return word.endswith("ed") and len(word) > 4 and word not in ED_NON_VERBS


# Endings of adverbs made from adjectives ("unfortunately", "seriously", "frankly"); names that
# end in "-ly" ("Emily", "Kelly", "Beverly") end otherwise.
_SENTENCE_ADVERB_ENDINGS = ("ally", "ately", "ously", "ively", "fully", "ntly", "ingly", "edly",
                            "ibly", "ably", "essly", "ctly")


def is_sentence_adverb(word: str) -> bool:
    """Whether a word read alone is an adverb by its ending ("Unfortunately", "Frankly")."""
    lower = word.lower()
    return len(lower) >= 6 and lower.endswith(_SENTENCE_ADVERB_ENDINGS)


def is_verb(word: str) -> bool:
    """A word that most likely is a verb or an auxiliary (base forms included)."""
    return word.lower() in BASE_VERBS or is_finite_verb(word)


def is_listed_finite_verb(word: str) -> bool:
    """A tensed verb the lists know (an auxiliary, a common verb, a contraction); no guessing
    from the "-ed" ending, which participles share."""
    lower = word.lower()
    return lower in AUXILIARIES or lower in COMMON_VERBS or (
        ("'" in lower or "’" in lower) and is_finite_verb(word))


def is_finite_verb(word: str) -> bool:
    """A word that most likely is a verb with tense: it needs a subject before it."""
    lower = word.lower()
    if lower in AUXILIARIES or lower in COMMON_VERBS:
        return True
    if "'" in lower or "’" in lower:
        base, _, tail = lower.replace("’", "'").rpartition("'")
        if tail == "t":
            return base.endswith("n")
        if tail == "s":  # "it's" is a verb, "Russia's" a possessive
            return base in _S_CONTRACTION_BASES
        return tail in {"re", "ve", "ll", "d", "m"}
    return word.islower() and lower.endswith("ed") and len(lower) > 4 and lower not in ED_NON_VERBS
