"""Cues: the words that tell what a figure counts.

``HEADS`` maps the noun a figure counts to a category ("civilians" -> people,
"convoys" -> access.convoys); ``CUES`` maps the verbs and phrases of its
clause to an indicator ("poured out" -> people.displaced); the other sets
are the cues of one decision each (control of territory, food stocks, no aid,
attacks ...). Phrases are tuples of lower-cased spaCy tokens.
"""

from __future__ import annotations

from corridor.extract.lexicon import lengths_by_first, words


def phrase_table(spec: dict[str, str]) -> dict[tuple[str, ...], str]:
    """``{"word word, word": value}`` -> ``{("word", "word"): value, ...}``."""
    return {
        tuple(phrase.split()): value
        for phrases, value in spec.items()
        for phrase in phrases.split(",")
        if phrase.strip()
    }


# The noun a figure counts -> a category.
HEADS: dict[str, str] = {
    **dict.fromkeys(
        words(
            "people civilians residents inhabitants persons individuals children "
            "women men syrians ukrainians patients survivors locals villagers "
            "aleppans boys girls babies infants elderly others population beings "
            "workers drivers volunteers journalists neighbours neighbors relatives "
            "colleagues kids passengers ppl person citizens palestinians gazans "
            "iraqis yemenis bosnians tigrayans israelis afghans sudanese youths "
            "teenagers adults minors students pensioners newborns protesters "
            "demonstrators activists migrants farmers fishermen pilgrims staff "
            "personnel employees"
        ),
        "people",
    ),
    **dict.fromkeys(
        words("dead bodies deaths fatalities corpses lives killed martyrs"),
        "people.killed",
    ),
    **dict.fromkeys(["wounded", "injured", "injuries"], "people.injured"),
    **dict.fromkeys(
        ["refugees", "displaced", "idps", "departures", "arrivals"], "people.displaced"
    ),
    **dict.fromkeys(["evacuees", "evacuations"], "people.evacuated"),
    **dict.fromkeys(
        ["detainees", "prisoners", "hostages", "missing", "abductees"],
        "people.detained",
    ),
    **dict.fromkeys(
        words(
            "troops fighters soldiers militants rebels gunmen militiamen "
            "combatants servicemen jihadists insurgents mercenaries marines "
            "paratroopers reinforcements militia terrorists policemen police "
            "peacekeepers guardsmen commandos conscripts reservists recruits "
            "gendarmes legionnaires"
        ),
        "troops",
    ),
    **dict.fromkeys(["hospitals", "hospital"], "hospitals"),
    **dict.fromkeys(
        words("doctors doctor medics surgeons surgeon nurses physicians paramedics"),
        "doctors",
    ),
    **dict.fromkeys(["corridors", "corridor"], "access.corridors"),
    **dict.fromkeys(["convoys", "convoy"], "access.convoys"),
    **dict.fromkeys(
        words(
            "strikes airstrikes air-strikes raids attacks bombs shells rockets "
            "missiles bombardments sorties shellings shelling incidents impacts "
            "explosions airstrike"
        ),
        "attacks.count",
    ),
    **dict.fromkeys(["aid", "food", "supplies", "deliveries"], "aid"),
}
# Words that may sit between a figure and its noun ("four humanitarian corridors").
HEAD_STOPS = frozenset(
    words(
        ", ; . : ( ) | and or but who that which were are was is have has had in at "
        "on for from to by with of as than after before since until during"
    )
)

# Cue words and phrases of a clause -> indicator.
CUES: dict[tuple[str, ...], str] = phrase_table(
    {
        "trapped,besieged,encircled,stuck,under siege,inside,remain,remaining,"
        "remained,still in,living in,surrounded,cut off,stranded,left in,"
        "left inside,left behind,live in,holed up,at risk of siege,squeezed,"
        "crammed,huddled,hiding,in basements,in cellars,"
        "still inside,left here,left there,still here,waiting to,nowhere to go,"
        "no way out,cannot leave,can not leave,unable to leave,"
        "waiting for,stay still,still stay,stayed behind,stay behind,"
        "hemmed in,penned in,pinned down,sealed off,sealed in,blockaded,"
        "there are still,there were still,there remain,there are now,lived in,"
        "living there,lived there,live there,home to": "people.trapped",
        "killed,dead,died,die,dying,death,deaths,death toll,toll,perished,slain,"
        "massacred,executed,lost their lives,starved,starvation,killing,"
        "lie dead,lay dead,shot dead,shot,gunned down,buried,kill,kills": (
            "people.killed"
        ),
        "wounded,injured,hurt,injuries,maimed,wounding,injuring": "people.injured",
        "fled,flee,fleeing,poured out,poured,left,leave,leaving,escaped,escape,"
        "displaced,crossed,streamed,exodus,made it out,fled to,arrived in,"
        "crossed into,have fled,flow,flowed,streaming,get out,got out,"
        "getting out,went out,reached safety,managed to leave,sheltering,"
        "staying in,in shelters,taking shelter,gone to,went to,moved to,"
        "have gone,walked out,drove out,walked,crossing,used by,go out,"
        "walking out,came out,come out,have come out,reached,"
        "got away": "people.displaced",
        "evacuated,evacuation,evacuations,evacuate,bused,bussed,taken out,"
        "transferred,were moved,referred,medically evacuated,on the buses,"
        "on the first buses,on buses,boarded,were taken to,relocated,"
        "transported,brought out,bring out,been brought out,rescued,"
        "pulled out,taken to safety,be moved,been moved,being moved,"
        "be moved out,been moved out,carried out by ambulance,"
        "carried out in ambulances,carried out by ambulances": "people.evacuated",
        "need,needs,needed,needing,in need,require,required,requiring,depend,"
        "dependent,rely,"
        "food insecure,in dire need,face shortages,facing shortages,"
        "lack,lacking,without access,without running water,without water,"
        "without power,without electricity,without heating,suffering from,"
        "malnourished,malnutrition,must leave,must be evacuated,need to leave,"
        "face starvation,facing starvation,risk starvation,at risk of starvation,"
        "threatened with starvation,at risk,living in famine,in famine,famine,"
        "starving,face catastrophic,facing catastrophic,face hunger,facing hunger,"
        "face famine,facing famine,face acute,facing acute,in danger,"
        "severely malnourished,acutely malnourished,in severe malnutrition,"
        "needs to leave,must be taken out,must be moved,need to be taken out,"
        "needs to be taken out,need to be evacuated,needs to be evacuated,"
        "awaiting evacuation,awaiting medical evacuation": "people.in_need",
        "detained,arrested,missing,disappeared,abducted,imprisoned,"
        "taken prisoner,rounded up,held captive,surrendered,laid down their arms,"
        "deported,captive,taken captive,held captive,taken hostage,being held,"
        "were held,are held,"
        "held hostage,kidnapped,taken away,snatched,taken by soldiers,"
        "taken by the soldiers,taken by the army,taken by troops,"
        "taken by police,taken by the police,unaccounted for,remain unaccounted,"
        "remain missing,remained missing,are unaccounted,still missing,"
        "remain unaccounted for,for questioning,never heard from,"
        "not heard from,never seen again,never been seen": "people.detained",
        "deployed,arrived,massed,stationed,sent,dispatched,mobilised,"
        "mobilized,joined": "forces.troops",
    }
)
# Round 6: word families, not phrases. A fate after "remain"/"still" is that
# fate ("remain displaced" is not "remain" trapped), and so is a wait for care
# ("waiting for surgery" is a need, "waiting for the bus" stays trapped).
_STAYING = words("remain remains remained remaining still are were")
CUES.update(
    {
        (stay, *fate.split()): value
        for stay in _STAYING
        for fate, value in {
            "displaced": "people.displaced",
            "uprooted": "people.displaced",
            "homeless": "people.displaced",
            "detained": "people.detained",
            "held": "people.detained",
            "jailed": "people.detained",
            "imprisoned": "people.detained",
            "interned": "people.detained",
            "in custody": "people.detained",
            "in detention": "people.detained",
            "in jail": "people.detained",
            "in prison": "people.detained",
            "behind bars": "people.detained",
            "under arrest": "people.detained",
        }.items()
    }
)
CUES.update(
    {
        (*wait.split(), *care.split()): "people.in_need"
        for wait in (
            *(f"{w} for" for w in words("waiting wait waits waited")),
            *words("awaiting await awaits awaited"),
        )
        for care in (
            "referral",
            "referrals",
            "evacuation",
            "medical evacuation",
            "medevac",
            "treatment",
            "medical treatment",
            "surgery",
            "operations",
            "care",
            "medical care",
            "transfer",
            "transfers",
        )
    }
)
# "must go out to hospital", "have to be taken out": an obligation to leave
# (for care) is a need, in every modal and every verb of leaving
CUES.update(
    {
        (*must.split(), *leave.split()): "people.in_need"
        for must in (
            "must",
            "need to",
            "needs to",
            "have to",
            "has to",
            "urgently need to",
        )
        for leave in (
            "go out",
            "get out",
            "leave",
            "be evacuated",
            "be taken out",
            "be moved",
            "be transferred",
            "be referred",
            "go to hospital",
        )
    }
)
CUES.update(
    phrase_table(
        {
            "will not survive,would not survive,won't survive,cannot survive,"
            "can not survive,will die without,would die without": "people.in_need"
        }
    )
)
CUES.update(
    phrase_table(
        {
            "taken into custody,held in custody,held at,held for,held in detention,"
            "locked up,jailed,interned,detain,detains,detaining,arresting,"
            "abducting,kidnapping,rounding up,round up,picked up,"
            "screened,being screened,held incommunicado,for screening,"
            "for security screening,for interrogation,let go,were seized,been seized,"
            "was seized,were let go,been let go,was let go,were freed,been freed,"
            "was freed,were released,been released,was released,"
            "were swapped,were exchanged": "people.detained",
            "exited,have exited,had exited,streamed out,trickled out,crossed out,"
            "uprooted,forced from their homes,driven from their homes,"
            "forced to flee,sought refuge,took refuge,taken refuge,"
            "have been displaced,were displaced,fleeing from,"
            "made their way,making their way,make their way,made its way,"
            "headed,heading,head south,head north,head west,head east,heads,"
            "set off,set out,setting off,setting out,trekked,trekking,"
            "journeyed,trudged,went on foot,left on foot,came from,come from,"
            "arrived from": "people.displaced",
            "were ferried,were airlifted,been airlifted,been ferried,were shuttled,"
            "were bused,were bussed,were flown out,been flown out,shipped out,"
            "were shipped out,moved out,been evacuated": "people.evacuated",
        }
    )
)
# "where the government says only 20,000 people live," (the verb ends it)
CUES.update({("live", ","): "people.trapped", ("live", "."): "people.trapped"})
CONTROL_CUES = frozenset(
    words(
        "control controls controlled held hold holds captured seized retaken "
        "recaptured taken territory fallen overran retook took retake retakes "
        "capture captures seize seizes"
    )
)
NO_AID_CUES: dict[tuple[str, ...], str] = phrase_table(
    {
        "no aid,without aid,no food,without food,since aid,no convoy,no convoys,"
        "no deliveries,not received,no assistance,last convoy,last delivery,"
        "last aid,cut off from aid,no supplies,no humanitarian,without any aid,"
        "without deliveries,unable to deliver,not been able to deliver,"
        "could not deliver,unable to reach,no access,first aid in,first aid since,"
        "first delivery in,first delivery since,first convoy in,"
        "first convoy since,since the last,days have passed since,the first in,"
        "the first since,first in,any aid,nothing came,nothing come,"
        "nothing has come,nothing had come,no distribution,no distributions,"
        "without any distribution,without distribution,not a single convoy,"
        "not a single aid convoy,not a single delivery,not a single truck": (
            "access.days_without_aid"
        )
    }
)
FOOD_CUES = frozenset(
    words(
        "food stocks stock supplies rations flour bread wheat rice run enough "
        "stockpiles reserves feed"
    )
)
VEHICLES = frozenset(
    ["buses", "bus", "convoy", "convoys", "ambulances", "evacuation", "evacuations"]
)
CONFLICT_CUES = frozenset(
    words(
        "siege besieged war conflict fighting blockade encircled encirclement uprising "
        "battle offensive assault surrounded overran stormed invaded invasion"
    )
)
AID_CUES = frozenset(
    words(
        "aid food flour supplies wheat rice delivered carrying carried brought drops "
        "airdrops "
        "rations assistance medicine"
    )
)
ATTACK_VERBS = frozenset(
    words("hit struck bombed shelled attacked targeted damaged destroyed raided")
)
ARRIVAL_VERBS = frozenset(
    words("reached entered arrived delivered got came allowed reaching entering")
)
AUXILIARIES = frozenset(
    words(
        "were was have has had been are is being reportedly already also now then "
        "so far later reported said believed thought feared estimated more still "
        "could may might will would can"
    )
)
LINKS = frozenset(
    words(
        "to at reached numbered is was are were totalled totaled of stood stands puts "
        "exceeded passed topped surpassed : be hit"
    )
)
# "the killing of 19 civilians": a fate named by a noun before "of".
NOMINAL_FATES: dict[str, str] = {
    **dict.fromkeys(
        words("killing killings deaths death murder murders execution"), "people.killed"
    ),
    **dict.fromkeys(words("wounding injuring injury"), "people.injured"),
    **dict.fromkeys(
        words("evacuation evacuations rescue transfer"), "people.evacuated"
    ),
    **dict.fromkeys(words("displacement flight exodus departure"), "people.displaced"),
    **dict.fromkeys(
        words("arrest arrests detention abduction disappearance"), "people.detained"
    ),
}
# "we are in the basement, about sixty of us": the people with the writer
WITH_US = (("of", "us"),)
CLAUSE_END = frozenset(words("; : . ! ? but while whereas although though ( ) —"))
# The first word of every cue, and the lengths of the cues it begins, longest
# first: the phrase lengths worth looking up at a token.
CUE_LENGTHS = lengths_by_first([*CUES, *NO_AID_CUES])
