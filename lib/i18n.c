/* English and French labels of the outputs, and numbers as each language writes them (i18n.h). */
#include <math.h>
#include <string.h>

#include "i18n.h"

typedef struct label_entry {
    const char *key;
    const char *text[PF__LANG_COUNT]; /* English always; NULL where a language has none */
} label_entry;

/* Sorted by key (a test checks), so lookups bisect. */
static const label_entry labels[] = {
    { "answer.agree.0", { "Strongly disagree", "Pas du tout d’accord" } },
    { "answer.agree.1", { "Disagree", "Plutôt pas d’accord" } },
    { "answer.agree.2", { "Neither agree nor disagree", "Ni d’accord ni pas d’accord" } },
    { "answer.agree.3", { "Agree", "Plutôt d’accord" } },
    { "answer.agree.4", { "Strongly agree", "Tout à fait d’accord" } },
    { "answer.no", { "No", "Non" } },
    { "answer.none", { "None of these", "Aucune de ces réponses" } },
    { "answer.unsure", { "Not sure", "Je ne sais pas" } },
    { "answer.yes", { "Yes", "Oui" } },
    { "chart.actual", { "Actual", "Réelle" } },
    { "chart.added", { "added", "ajoutés" } },
    { "chart.added.one", { "added", "ajouté" } },
    { "chart.after", { "After", "Après" } },
    { "chart.before", { "Before", "Avant" } },
    { "chart.by_role", { "By role", "Par rôle" } },
    { "chart.capability.dimensions", { "Dimensions (percentage of each range)", "Dimensions (pourcentage de chaque étendue)" } },
    { "chart.capability.score", { "Capability score", "Score de capacité" } },
    { "chart.capability.title", { "Portfolio-management capability", "Capacité de gestion du portefeuille" } },
    { "chart.change", { "Change", "Variation" } },
    { "chart.compare.orientation", { "Facet orientation (mean, 0–100)", "Orientation par facette (moyenne, 0–100)" } },
    { "chart.compare.shares", { "Portfolio shares (%)", "Parts du portefeuille (%)" } },
    { "chart.compare.title", { "Change between two snapshots", "Évolution entre deux relevés" } },
    { "chart.diamond.title", { "Facet orientation", "Orientation par facette" } },
    { "chart.dot_size", { "Dot size: priority", "Taille des points : priorité" } },
    { "chart.from", { "from", "dès" } },
    { "chart.gap", { "Gap", "Écart" } },
    { "chart.label_left_out", { "labels left out for lack of room", "étiquettes omises faute de place" } },
    { "chart.label_left_out.one", { "label left out for lack of room", "étiquette omise faute de place" } },
    { "chart.level", { "Level", "Niveau" } },
    { "chart.map.title", { "Project map", "Carte des projets" } },
    { "chart.mean_of", { "Mean of", "Moyenne de" } },
    { "chart.more", { "more", "autres" } },
    { "chart.moved", { "moved to another zone", "changés de zone" } },
    { "chart.moved.one", { "moved to another zone", "changé de zone" } },
    { "chart.n_a", { "n/a", "n.d." } },
    { "chart.no_priority", { "no priority", "sans priorité" } },
    { "chart.no_projects", { "No project has a place on the map.", "Aucun projet n’a de place sur la carte." } },
    { "chart.no_respondents", { "No assessments to show.", "Aucune évaluation à afficher." } },
    { "chart.no_shares", { "No placed project carries a weight: there are no shares.", "Aucun projet placé n’a de poids : pas de parts." } },
    { "chart.no_targets", { "No target mix is set.", "Aucune répartition cible n’est définie." } },
    { "chart.not_placed", { "not placed", "non placés" } },
    { "chart.not_placed.one", { "not placed", "non placé" } },
    { "chart.orientation.mean", { "Mean facet orientation", "Orientation moyenne par facette" } },
    { "chart.out_of", { "out of", "sur" } },
    { "chart.placed", { "placed", "placés" } },
    { "chart.placed.one", { "placed", "placé" } },
    { "chart.points", { "points", "points" } },
    { "chart.priority", { "Priority", "Priorité" } },
    { "chart.project", { "project", "projet" } },
    { "chart.projects", { "projects", "projets" } },
    { "chart.removed", { "removed", "retirés" } },
    { "chart.removed.one", { "removed", "retiré" } },
    { "chart.respondent", { "respondent", "répondant" } },
    { "chart.respondents", { "respondents", "répondants" } },
    { "chart.roles.title", { "Facet orientation by role", "Orientation par facette selon le rôle" } },
    { "chart.scale", { "scale", "échelle" } },
    { "chart.share", { "share", "part" } },
    { "chart.strong_from", { "strong from", "fort à partir de" } },
    { "chart.target", { "Target", "Cible" } },
    { "chart.targets.title", { "Facet mix: actual and target", "Répartition par facette : réelle et cible" } },
    { "chart.weighted_by", { "weighted by", "pondérés par" } },
    { "dimension.ecosystem", { "Ecosystem", "Écosystème" } },
    { "dimension.learning", { "Learning and communication", "Apprentissage et communication" } },
    { "dimension.resources", { "Resources", "Ressources" } },
    { "dimension.sense-making", { "Sense-making", "Compréhension partagée" } },
    { "dimension.stewardship", { "Stewardship", "Pilotage du portefeuille" } },
    { "dimension.structures", { "Supportive structures", "Structures de soutien" } },
    { "facet.adaptive", { "Adaptive", "Adaptative" } },
    { "facet.anticipatory", { "Anticipatory", "Anticipative" } },
    { "facet.enhancement", { "Enhancement", "Amélioration" } },
    { "facet.mission", { "Mission", "Mission" } },
    { "form.about", { "About you", "Vous concernant" } },
    { "form.choice", { "choice", "choix" } },
    { "form.choose", { "Choose an option", "Choisissez une option" } },
    { "form.date", { "Date of your answers", "Date de vos réponses" } },
    { "form.date.hint", { "Year, month and day, for example 2026-12-05.", "Année, mois et jour, par exemple 2026-12-05." } },
    { "form.error.date", { "Enter a real date as year-month-day, for example 2026-12-05", "Indiquez une date qui existe sous la forme année-mois-jour, par exemple 2026-12-05" } },
    { "form.error.instrument", { "This file answers another questionnaire ({id}): nothing was loaded.", "Ce fichier répond à un autre questionnaire ({id})\u00a0: rien n’a été chargé." } },
    { "form.error.rank.incomplete", { "Choose an option for every place, or leave them all empty", "Choisissez une option pour chaque rang, ou laissez-les tous vides" } },
    { "form.error.rank.twice", { "Choose each option only once", "Ne choisissez chaque option qu’une seule fois" } },
    { "form.error.read", { "The file {file} could not be read.", "Le fichier {file} n’a pas pu être lu." } },
    { "form.error.respondent", { "Enter your pseudonym", "Indiquez votre pseudonyme" } },
    { "form.error.respondent.pattern", { "Use only letters without accents, digits, '.', '_' and '-' in your pseudonym", "N’utilisez que des lettres sans accent, des chiffres, «\u00a0.\u00a0», «\u00a0_\u00a0» et «\u00a0-\u00a0» dans votre pseudonyme" } },
    { "form.error.several", { "The file holds the answers of {n} people: only the first ({respondent}) were loaded.", "Le fichier contient les réponses de {n} personnes\u00a0: seules les premières ({respondent}) ont été chargées." } },
    { "form.error.structure", { "The file {file} holds no answers to this questionnaire: nothing was loaded.", "Le fichier {file} ne contient pas de réponses à ce questionnaire\u00a0: rien n’a été chargé." } },
    { "form.error.syntax", { "The file {file} cannot be read as saved answers (line {line}): nothing was loaded.", "Le fichier {file} n’est pas un fichier de réponses lisible (ligne {line})\u00a0: rien n’a été chargé." } },
    { "form.error.unknown", { "The file answers “{id}”, which this questionnaire does not ask: that answer was left out.", "Le fichier répond à «\u00a0{id}\u00a0», que ce questionnaire ne pose pas\u00a0: cette réponse a été ignorée." } },
    { "form.error.value", { "{where}: the file’s answer “{value}” is not one of the choices, so it was left out.", "{where}\u00a0: la réponse du fichier, «\u00a0{value}\u00a0», ne fait pas partie des choix\u00a0; elle a été ignorée." } },
    { "form.errors", { "There is a problem", "Il y a un problème" } },
    { "form.intro", { "Answer each question as things are today. There are no right or wrong answers, and you can leave out any question you cannot answer.", "Répondez à chaque question selon la situation actuelle. Il n’y a pas de bonne ou de mauvaise réponse, et vous pouvez passer une question à laquelle vous ne savez pas répondre." } },
    { "form.load", { "Load saved answers", "Charger des réponses enregistrées" } },
    { "form.load.hint", { "A file saved from this form, to complete or correct it.", "Un fichier enregistré depuis ce formulaire, pour le compléter ou le corriger." } },
    { "form.loaded", { "Answers loaded from {file}.", "Réponses chargées depuis {file}." } },
    { "form.multi.hint", { "Tick every answer that applies, or “None of these”.", "Cochez toutes les réponses qui s’appliquent, ou «\u00a0Aucune de ces réponses\u00a0»." } },
    { "form.noscript", { "JavaScript is off: you can print this questionnaire and answer it on paper, but this page cannot save answers.", "JavaScript est désactivé\u00a0: vous pouvez imprimer ce questionnaire et y répondre sur papier, mais cette page ne peut pas enregistrer de réponses." } },
    { "form.of", { "of", "sur" } },
    { "form.optional", { "(optional)", "(facultatif)" } },
    { "form.or", { "or", "ou" } },
    { "form.progress", { "Answers given: {n} of {m}", "Réponses données\u00a0: {n} sur {m}" } },
    { "form.progress.label", { "Progress", "Progression" } },
    { "form.question", { "Question", "Question" } },
    { "form.rank.hint", { "Put the options in order, the most important first: choose one option for each place, and each option once.", "Classez les options, la plus importante en premier\u00a0: choisissez une option pour chaque rang, et chaque option une seule fois." } },
    { "form.respondent", { "Your pseudonym", "Votre pseudonyme" } },
    { "form.respondent.hint", { "The code you were given, such as r-017: letters, digits, '.', '_' or '-'. Never your name.", "Le code qui vous a été donné, par exemple r-017\u00a0: lettres, chiffres, «\u00a0.\u00a0», «\u00a0_\u00a0» ou «\u00a0-\u00a0». Jamais votre nom." } },
    { "form.restart", { "Start again with an empty form", "Recommencer avec un formulaire vide" } },
    { "form.restored", { "Answers you had not saved yet were restored from this browser.", "Les réponses que vous n’aviez pas encore enregistrées ont été restaurées depuis ce navigateur." } },
    { "form.role", { "Your role", "Votre rôle" } },
    { "form.role.none", { "Not given", "Non précisé" } },
    { "form.save", { "Save answers", "Enregistrer les réponses" } },
    { "form.save.anyway", { "Save without these answers", "Enregistrer sans ces réponses" } },
    { "form.save.hint", { "Your answers are kept in this browser until you save them. Saving downloads a file to send back, or to load here later.", "Vos réponses sont gardées dans ce navigateur jusqu’à leur enregistrement. L’enregistrement télécharge un fichier à renvoyer, ou à recharger ici plus tard." } },
    { "form.saved", { "Your answers were saved as {file}.", "Vos réponses ont été enregistrées dans {file}." } },
    { "form.statement", { "statement", "affirmation" } },
    { "form.unanswered", { "Not answered yet", "Pas encore de réponse" } },
    { "form.unanswered.hint", { "You can answer these questions, or save without them.", "Vous pouvez répondre à ces questions, ou enregistrer sans elles." } },
    { "form.unit", { "Your unit or team", "Votre unité ou équipe" } },
    { "heading.capability", { "Capability", "Capacité" } },
    { "heading.change", { "Change over time", "Évolution" } },
    { "heading.flags", { "Points to discuss", "Points à discuter" } },
    { "heading.map", { "Project map", "Carte des projets" } },
    { "heading.orientation", { "Facet orientation", "Orientation par facette" } },
    { "heading.portfolio", { "Portfolio", "Portefeuille" } },
    { "heading.projects", { "Projects", "Projets" } },
    { "heading.recommendations", { "Recommendations", "Recommandations" } },
    { "heading.summary", { "Summary", "Synthèse" } },
    { "level.high", { "High", "Élevé" } },
    { "level.low", { "Low", "Faible" } },
    { "level.medium", { "Medium", "Moyen" } },
    { "priority.high", { "High", "Haute" } },
    { "priority.low", { "Low", "Basse" } },
    { "priority.medium", { "Medium", "Moyenne" } },
    { "report.anonymous", { "Respondents are anonymised in this report.", "Les répondants sont anonymisés dans ce rapport." } },
    { "report.balance", { "Distance from the target mix", "Distance à la répartition cible" } },
    { "report.colon", { ": ", "\u00a0: " } },
    { "report.concentration", { "Concentration (HHI)", "Concentration (IHH)" } },
    { "report.count", { "Count", "Nombre" } },
    { "report.dimension", { "Dimension", "Dimension" } },
    { "report.effective", { "effective facets", "facettes effectives" } },
    { "report.evidence", { "Evidence", "Indices" } },
    { "report.facet", { "Facet", "Facette" } },
    { "report.generated", { "Generated by libportfolio", "Produit par libportfolio" } },
    { "report.instrument", { "Instrument", "Questionnaire" } },
    { "report.kind.action", { "Actions", "Actions" } },
    { "report.kind.info", { "Information", "Informations" } },
    { "report.kind.strength", { "Strengths", "Points forts" } },
    { "report.kind.warning", { "Warnings", "Points de vigilance" } },
    { "report.mean", { "Mean", "Moyenne" } },
    { "report.mode.normalised", { "normalised mode", "mode normalisé" } },
    { "report.mode.pet", { "PET mode", "mode PET" } },
    { "report.mode.pet-published", { "published PET mode", "mode du PET publié" } },
    { "report.more", { "more", "autres" } },
    { "report.none", { "None.", "Aucun." } },
    { "report.people", { "people", "personnes" } },
    { "report.project", { "Project", "Projet" } },
    { "report.projects", { "Projects", "Projets" } },
    { "report.recommendations", { "Recommendations", "Recommandations" } },
    { "report.relation.duplicate", { "Possible duplicates", "Doublons possibles" } },
    { "report.relation.handover", { "Handover candidates", "Transferts possibles" } },
    { "report.relation.synergy", { "Synergies", "Synergies" } },
    { "report.relation.tension", { "Tensions", "Tensions" } },
    { "report.relations", { "Between projects", "Entre les projets" } },
    { "report.respondent", { "Respondent", "Répondant" } },
    { "report.respondents", { "respondents", "répondants" } },
    { "report.respondents.one", { "respondent", "répondant" } },
    { "report.role", { "Role", "Rôle" } },
    { "report.share", { "Share", "Part" } },
    { "report.shared", { "Shared tags and partners", "Thèmes et partenaires communs" } },
    { "report.shares", { "Facet shares of the portfolio", "Parts des facettes dans le portefeuille" } },
    { "report.similarity", { "Similarity", "Similarité" } },
    { "report.stage", { "Stage", "Étape" } },
    { "report.stages", { "Projects per stage", "Projets par étape" } },
    { "report.strong", { "strong", "forte" } },
    { "report.table_of", { "Data of the chart", "Données du graphique" } },
    { "report.target", { "Target", "Cible" } },
    { "report.tendency", { "Tendency", "Tendance" } },
    { "report.title", { "Innovation portfolio report", "Rapport sur le portefeuille d’innovation" } },
    { "report.title_col", { "Title", "Intitulé" } },
    { "report.weak", { "weak", "faible" } },
    { "report.zone", { "Zone", "Zone" } },
    { "report.zones", { "Projects per zone", "Projets par zone" } },
    { "role.everyone", { "Everyone", "Ensemble" } },
    { "role.external", { "External", "Externe" } },
    { "role.individual", { "Individual", "Individuel" } },
    { "role.senior-management", { "Senior management", "Direction" } },
    { "role.steward", { "Portfolio steward", "Responsable du portefeuille" } },
    { "role.team", { "Team", "Équipe" } },
    { "since.added", { "Added", "Ajouté" } },
    { "since.arrow", { "moved from", "passé de" } },
    { "since.balance", { "Distance from the target mix", "Écart à la répartition cible" } },
    { "since.capability_level", { "Capability level", "Niveau de capacité" } },
    { "since.changed", { "changed", "a changé" } },
    { "since.dates", { "Latest answers", "Dernières réponses" } },
    { "since.diamond.title", { "Facet orientation, before and after", "Orientation par facette, avant et après" } },
    { "since.down", { "down", "en baisse de" } },
    { "since.effective", { "Effective facets", "Facettes effectives" } },
    { "since.intro", { "Compared with the earlier document, scored and mapped the same way.",
                       "Comparaison avec le document précédent, évalué et cartographié de la même manière." } },
    { "since.metric", { "Metric", "Indicateur" } },
    { "since.moved", { "Moved", "Changé de zone" } },
    { "since.moves.none", { "No project moved to another zone.", "Aucun projet n’a changé de zone." } },
    { "since.moves.title", { "Changes on the project map", "Évolution sur la carte des projets" } },
    { "since.no_change", { "No project added, removed or moved.", "Aucun projet ajouté, retiré ou changé de zone." } },
    { "since.no_strong", { "no strong facet", "aucune facette forte" } },
    { "since.orientation", { "orientation", "orientation" } },
    { "since.point", { "point", "point" } },
    { "since.points", { "points", "points" } },
    { "since.projects", { "Projects added, removed or moved", "Projets ajoutés, retirés ou changés de zone" } },
    { "since.removed", { "Removed", "Retiré" } },
    { "since.respondents", { "Respondents", "Répondants" } },
    { "since.share", { "share", "part" } },
    { "since.title", { "Change since last time", "Évolution depuis le relevé précédent" } },
    { "since.to", { "to", "à" } },
    { "since.unchanged", { "unchanged", "sans changement" } },
    { "since.up", { "up", "en hausse de" } },
    { "stage.embedded", { "Embedded", "Intégré" } },
    { "stage.exploring", { "Exploring", "Exploration" } },
    { "stage.idea", { "Idea", "Idée" } },
    { "stage.implementing", { "Implementing", "Mise en œuvre" } },
    { "stage.piloting", { "Piloting", "Pilote" } },
    { "stage.scaling", { "Scaling", "Changement d’échelle" } },
    { "stage.stopped", { "Stopped", "Arrêté" } },
    { "template.date", { "the day you answer, as YYYY-MM-DD", "le jour de vos réponses\u00a0: AAAA-MM-JJ" } },
    { "template.intro", { "Write each answer after its colon and leave blank what you do not answer. Lines that begin with # are notes.",
                          "Écrivez chaque réponse après ses deux-points et laissez vide ce à quoi vous ne répondez pas. Les lignes qui commencent par # sont des notes." } },
    { "template.multi", { "Any of these option ids in brackets, or [none]:", "Les identifiants d’option qui conviennent, entre crochets, ou [none]\u00a0:" } },
    { "template.question", { "Question", "Question" } },
    { "template.rank.after", { " option ids in brackets, most important first:", " identifiants d’option entre crochets, du plus important au moins important\u00a0:" } },
    { "template.rank.before", { "List all ", "Listez les " } },
    { "template.respondent", { "required: a pseudonym such as r-017, never your name", "obligatoire\u00a0: un pseudonyme (r-017), jamais votre nom" } },
    { "template.unit", { "the part of the organisation you belong to", "votre service ou votre équipe" } },
    { "weighting.budget", { "budget", "budget" } },
    { "weighting.count", { "count", "nombre" } },
    { "weighting.fte", { "full-time equivalents", "équivalents temps plein" } },
    { "weighting.priority", { "priority", "priorité" } },
    { "zone.adaptive", { "Adaptive", "Adaptative" } },
    { "zone.anticipatory", { "Anticipatory", "Anticipative" } },
    { "zone.disruptive", { "Disruptive", "De rupture" } },
    { "zone.enhancement", { "Enhancement", "Amélioration" } },
    { "zone.mission", { "Mission", "Mission" } },
    { "zone.mixed", { "Mixed or unclear", "Mixte ou floue" } },
    { "zone.mixed.short", { "Mixed", "Mixte" } },
    { "zone.optimising", { "Optimising", "Optimisante" } },
    { "zone.sustaining", { "Sustaining", "Consolidante" } },
    { "zone.transformative", { "Transformative", "Transformatrice" } },
};

#define LABEL_COUNT (sizeof labels / sizeof *labels)

bool pf__lang_parse(const char *tag, pf__lang *out)
{
    static const char *const codes[PF__LANG_COUNT] = { "en", "fr" };
    if (!tag) {
        *out = PF__LANG_EN;
        return true;
    }
    for (int l = 0; l < PF__LANG_COUNT; l++) {
        if (strncmp(tag, codes[l], 2) == 0 && (tag[2] == '\0' || tag[2] == '-' || tag[2] == '_')) {
            *out = (pf__lang)l;
            return true;
        }
    }
    return false;
}

const char *pf__lang_code(pf__lang lang)
{
    return lang == PF__LANG_FR ? "fr" : "en";
}

static const label_entry *find(const char *key)
{
    size_t lo = 0, hi = LABEL_COUNT;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(key, labels[mid].key);
        if (c == 0)
            return &labels[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *pf__label_exact(pf__lang lang, const char *key)
{
    const label_entry *l = find(key);
    return l && (int)lang >= 0 && lang < PF__LANG_COUNT ? l->text[lang] : NULL;
}

const char *pf__label(pf__lang lang, const char *key)
{
    const label_entry *l = find(key);
    if (!l)
        return key;
    const char *t = (int)lang >= 0 && lang < PF__LANG_COUNT ? l->text[lang] : NULL;
    return t ? t : l->text[PF__LANG_EN];
}

const char *pf__label_tag(const char *tag, const char *key)
{
    pf__lang lang = PF__LANG_EN;
    if (!pf__lang_parse(tag, &lang))
        lang = PF__LANG_EN;
    return pf__label(lang, key);
}

size_t pf__label_table_size(void)
{
    return LABEL_COUNT;
}

const char *pf__label_key_at(size_t index)
{
    return index < LABEL_COUNT ? labels[index].key : NULL;
}

const char *pf__label_of(pf__lang lang, const char *kind, const char *id)
{
    if (!id)
        return "";
    char key[64];
    size_t k = strlen(kind), n = strlen(id);
    if (k + 1 + n >= sizeof key)
        return id;
    memcpy(key, kind, k);
    key[k] = '.';
    memcpy(key + k + 1, id, n + 1);
    const label_entry *l = find(key);
    if (!l)
        return id;
    return l->text[lang] ? l->text[lang] : l->text[PF__LANG_EN];
}

const char *pf__label_facet(pf__lang lang, pf_facet f)
{
    return pf__label_of(lang, "facet", pf_facet_name(f));
}

const char *pf__label_zone(pf__lang lang, pf_zone z)
{
    return pf__label_of(lang, "zone", pf_zone_name(z));
}

const char *pf__label_role(pf__lang lang, pf_role r)
{
    return pf__label_of(lang, "role", pf_role_name(r));
}

const char *pf__label_dimension(pf__lang lang, pf_dimension d)
{
    return pf__label_of(lang, "dimension", pf_dimension_name(d));
}

const char *pf__label_level(pf__lang lang, pf_level l)
{
    return pf__label_of(lang, "level", pf_level_name(l));
}

const char *pf__label_stage(pf__lang lang, pf_stage s)
{
    return pf__label_of(lang, "stage", pf_stage_name(s));
}

const char *pf__label_priority(pf__lang lang, pf_priority p)
{
    return pf__label_of(lang, "priority", pf_priority_name(p));
}

const char *pf__label_count(pf__lang lang, const char *one, const char *many, size_t n)
{
    /* French counts 0 and 1 in the singular, English only 1. */
    bool singular = lang == PF__LANG_FR ? n <= 1 : n == 1;
    return pf__label(lang, singular ? one : many);
}

void pf__lower_first(const char *label, char *out, size_t cap)
{
    pf__copy_truncated(out, cap, label);
    unsigned char *p = (unsigned char *)out;
    if (p[0] >= 'A' && p[0] <= 'Z')
        p[0] = (unsigned char)(p[0] + 32);
    else if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97) /* À..Þ except × */
        p[1] = (unsigned char)(p[1] + 32);
}

/* ---- numbers ---- */

void pf__format_decimal(pf__lang lang, double v, int decimals, char out[48])
{
    pf__format_fixed(v, decimals, false, out);
    if (lang == PF__LANG_FR) {
        char *dot = strchr(out, '.');
        if (dot)
            *dot = ',';
    }
}

void pf__format_percent(pf__lang lang, double v, int decimals, char out[56])
{
    char num[48];
    pf__format_decimal(lang, v, decimals, num);
    strcpy(out, num);
    strcat(out, lang == PF__LANG_FR ? "\xE2\x80\xAF%" : "%");
}
