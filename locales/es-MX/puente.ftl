# Mensajes de puente, español (México). Cada id debe existir también en en-US, con las mismas
# variables (una prueba lo verifica). Frases en minúscula, sin punto final, que nombran el
# archivo o el segmento del que hablan.
#
# Trato de usted en todo mensaje de la interfaz: las sugerencias dan instrucciones en
# imperativo de usted (use, revise, ejecute, escríbala, conviértalo), nunca de tú (usa, revisa,
# ejecuta, escríbela), y los posesivos son su/sus. Las líneas de ayuda de comandos y opciones
# describen en tercera persona del presente (Muestra, Escribe, Combina, Publica), nunca en
# infinitivo. Las cantidades van siempre en un selector de plural de Fluent. Una prueba
# (src/l10n.rs) vigila el trato y los plurales.
#
# Glosario de la interfaz: un término por concepto.
#   source (text, article, language)  fuente: texto fuente, artículo fuente, idioma fuente (no «origen»)
#   target language                   idioma de destino (no «idioma meta»)
#   default                           por omisión (no «predeterminado»)
#   front matter                      front matter (no «encabezado», que es el del archivo de
#                                     trabajo PO/XLIFF o la fila de encabezado de una tabla)
#   work file                         archivo de trabajo
#   fuzzy / unreviewed                sin revisar (fuzzy)
#   machine translation               traducción automática (no «TA»)
#   translation memory                memoria de traducción
#   folder / directory                carpeta (no «directorio»)
#   add                               añadir (no «agregar»)
#   run (a command)                   ejecutar
#   warning                           aviso
#   draft                             borrador
#   quote register                    registro de citas
#   engine                            motor
#   Argument placeholders (cli-value-*): ARTÍCULO, ARCHIVO_DE_TRABAJO, TRADUCCIÓN, ARCHIVO, RUTA, CARPETA,
#   SALIDA, NOMBRE, REGLA, COMANDO, AAAA-MM-DD.
#
# Excepción: los elementos de la edición (edition-*) hablan a los lectores de la nota, con la
# voz de la redacción («Lee también», como en la prensa mexicana), no con la de la interfaz.

## Ayuda

cli-about = El flujo de trabajo entre las ediciones en inglés y en español de una noticia
cli-usage-heading = Uso
cli-commands-heading = Comandos
cli-options-heading = Opciones
cli-arguments-heading = Argumentos
cli-help = Muestra la ayuda
cli-version = Muestra la versión
cli-ui-lang = Idioma de los mensajes de puente (en-US, es-MX); por omisión, el de PUENTE_UI_LANG, LC_ALL, LC_MESSAGES o LANG
cli-after-help = Códigos de salida: 0 bien, 1 hallazgos (check) o la revisión (merge, publish), 2 error, 128 + N interrumpido por la señal N (130: Ctrl-C; 143: SIGTERM).
cli-help-command = Muestra este mensaje o la ayuda del comando indicado

cmd-import = Convierte un artículo extraído de la web en texto plano en un artículo Markdown canónico
cmd-split = Muestra los segmentos de un texto, uno por línea
cmd-segment = Escribe el archivo de trabajo (PO o XLIFF) para traducir un artículo
cmd-merge = Reconstruye el artículo traducido a partir de un archivo de trabajo y su fuente
cmd-init = Crea un proyecto listo para trabajar: un puente.toml comentado, un glosario, una carpeta de trabajo

arg-import-input = El artículo extraído (texto plano), o - para la entrada estándar
arg-output = Dónde escribir (por omisión: ver la descripción del comando)
arg-import-output = Dónde escribir el artículo (por omisión: la salida estándar)
arg-lang = Idioma del texto (en, es); por omisión, el que indique el nombre del archivo (nota.es.txt), si no el del proyecto, si no en
arg-keep-all = Conserva todas las líneas: no descarta elementos de página
arg-split-input = El texto que se va a dividir, o - para la entrada estándar (por omisión)
arg-format-data = Formato de salida
arg-article = El artículo fuente (.md con front matter, o .txt)
arg-to = Idioma de destino (por omisión: el otro de en/es respecto del idioma fuente)
arg-from = Idioma fuente (por omisión: el lang del front matter, o el del nombre del archivo (nota.es.md), o el del proyecto, o en)
arg-workfile-format = Formato del archivo de trabajo
arg-segment-output = Dónde escribir el archivo de trabajo (por omisión: junto al artículo, ARTÍCULO.IDIOMA.po)
arg-workfile = El archivo de trabajo (.po o .xlf)
arg-merge-output = Dónde escribir el artículo traducido (por omisión: el nombre de la fuente con el idioma de destino)
arg-draft = Combina aunque haya segmentos sin traducir o sin revisar: un borrador, con draft: true en su front matter, que muestra las traducciones sin revisar (los segmentos sin traducir conservan el texto fuente)
arg-force = Sobrescribe un archivo existente

## Resultados

import-dropped = línea { $line } descartada: { $text }
import-related = línea { $line } movida a los enlaces relacionados: { $text }
import-done = se escribió { $path }: { $blocks ->
    [one] 1 bloque
   *[other] { $blocks } bloques
  }, { $dropped ->
    [one] 1 línea descartada
   *[other] { $dropped } líneas descartadas
  }
segment-done = se escribió { $path }: { $segments ->
    [one] 1 segmento
   *[other] { $segments } segmentos
  } en { $blocks ->
    [one] 1 bloque
   *[other] { $blocks } bloques
  }
segment-carried = { $count ->
    [one] se conservó 1 traducción existente
   *[other] se conservaron { $count } traducciones existentes
  } de { $path }
merge-done = se escribió { $path }: { $translated } de { $total ->
    [one] 1 segmento traducido
   *[other] { $total } segmentos traducidos
  }
merge-draft = BORRADOR: { $count ->
    [0] todos los segmentos están revisados
    [one] 1 segmento sin revisar ({ $unreviewed } con una traducción sin revisar, { $kept } con el texto fuente)
   *[other] { $count } segmentos sin revisar ({ $unreviewed } con una traducción sin revisar, { $kept } con el texto fuente)
}
merge-refused = { $count ->
    [one] 1 segmento no está listo: merge necesita todos los segmentos traducidos y revisados
   *[other] { $count } segmentos no están listos: merge necesita todos los segmentos traducidos y revisados
}
merge-pending-item = { $id } ({ $source }:{ $line }): { $reason }
merge-more = … y { $count } más
merge-hint-draft = use --draft para escribir un borrador de todos modos: se muestran las traducciones sin revisar y los segmentos sin traducir conservan el texto fuente
reason-untranslated = sin traducir
reason-fuzzy = sin revisar (fuzzy)
reason-missing = no está en el archivo de trabajo
reason-placeholder = marcadores que no coinciden: { $detail }
init-done = se escribió { $path }

## Errores

error-prefix = error
hint-prefix = sugerencia
err-not-found = { $path } no existe
err-is-dir = { $path } es una carpeta, no un archivo
err-permission = no se puede leer { $path }: permiso denegado
err-read = no se puede leer { $path }: { $reason }
err-write = no se puede escribir { $path }: { $reason }
err-not-utf8 = { $path } no es UTF-8 válido (byte { $offset })
hint-not-utf8 = conviértalo antes, por ejemplo: iconv -f WINDOWS-1252 -t UTF-8 { $path } > corregido.txt
err-utf16 = { $path } está en UTF-16, no en UTF-8
hint-utf16 = conviértalo antes: iconv -f UTF-16 -t UTF-8 { $path } > corregido.txt
err-nul = { $path } contiene un byte NUL en la posición { $offset }: parece un archivo binario
err-empty = { $path } está vacío
err-front-matter = { $path }:{ $line }: { $reason }
fm-unclosed-quote = a un valor entre comillas le falta la comilla de cierre
fm-multi-line = el front matter no admite valores de varias líneas
hint-front-matter = escriba cada valor en una sola línea, entre comillas si lleva dos puntos
fm-toml = TOML no válido: { $reason }
err-po = { $path }:{ $line }:{ $column }: { $reason }
po-unterminated = cadena sin cerrar
po-bad-escape = secuencia de escape desconocida
po-unexpected = texto inesperado
po-orphan = continuación de cadena sin palabra clave
po-no-msgid = entrada sin msgid
err-xliff = { $path }:{ $line }:{ $column }: { $reason }
err-not-workfile = { $path } no indica su artículo fuente
hint-not-workfile = merge necesita un archivo de trabajo escrito por puente segment (su encabezado indica la fuente y su suma de verificación)
err-source-missing = la fuente { $source } indicada por { $path } no existe
hint-source-missing = restaure la fuente o vuelva a ejecutar puente segment sobre el artículo
err-source-changed = { $source } cambió desde que se escribió { $path } (la suma de verificación no coincide)
hint-source-changed = vuelva a ejecutar puente segment { $source } -o { $path }: las traducciones existentes se conservan
err-same-lang = el idioma fuente y el de destino son ambos { $lang }
err-config = { $path }: { $reason }
err-ui-lang = puente no habla { $value }; se usará el inglés
err-stdin-workfile = no se puede escribir el archivo de trabajo en la salida estándar con este formato

## Glosario

cmd-glossary = Trabaja con el glosario y el registro de citas
cmd-glossary-lint = Revisa el glosario: formas duplicadas, contradictorias, vacías y prohibidas
arg-glossary-path = Un archivo o una carpeta de glosario (por omisión: la carpeta de glosario del proyecto)
lint-error = error
lint-invalid-toml = TOML no válido: { $reason }
lint-unknown-language = código de idioma desconocido: { $lang } (se esperaba en o es)
lint-empty-form = { $entry }: una forma vacía ({ $lang })
lint-duplicate-form = { $entry }: la forma { $lang } «{ $form }» también está en { $other }
lint-conflicting-targets = { $entry }: la forma { $lang } «{ $form }» se traduce de otro modo en { $other }
lint-required-and-forbidden = { $entry }: la forma { $lang } «{ $form }» está prohibida aquí pero { $other } la exige
lint-name-forms-differ = { $entry }: un nombre debe ser igual en ambos idiomas (en: { $en }; es: { $es })
lint-clean = { $files ->
    [one] 1 archivo de glosario
   *[other] { $files } archivos de glosario
  }, { $terms ->
    [one] 1 término
   *[other] { $terms } términos
  }, { $quotes ->
    [one] 1 cita
   *[other] { $quotes } citas
  }: sin hallazgos
lint-summary = { $count ->
    [one] 1 hallazgo
   *[other] { $count } hallazgos
}
err-glossary = { $file }:{ $line }:{ $column }: el glosario no se puede cargar: { $reason }
hint-glossary = ejecute `puente glossary lint { $file }` y corrija lo que indique
err-unknown-rule = no existe la regla { $id }
hint-unknown-rule = las reglas son: { $rules }
err-no-languages = { $path } no indica qué idiomas contiene
hint-no-languages = indique --from y --to (en, es), o ejecute puente dentro de un proyecto cuyo puente.toml los nombre
err-no-workfiles = no hay archivos de trabajo (.po, .xlf, .xliff) en { $path }
err-interchange = { $path }:{ $line }: { $reason }

## puente check
cmd-check = Revisa archivos de trabajo traducidos: términos, nombres, citas, números, puntuación, marcado
check-after-help = Código de salida: 0 sin errores (se admiten avisos), 1 hay errores, 2 no se pudo ejecutar. Reglas: puente check --explain REGLA.
arg-check-paths = Archivos de trabajo (.po, .xlf) o carpetas que los contienen (por omisión: la carpeta de trabajo del proyecto)
arg-check-from = Idioma fuente; prevalece sobre lo que indique el archivo de trabajo
arg-check-to = Idioma de destino; prevalece sobre lo que indique el archivo de trabajo
arg-check-glossary = Un archivo o carpeta de glosario (por omisión: el glosario del proyecto)
arg-explain = Explica una regla y termina
arg-check-format = Formato del informe: human, json (JSON Lines), sarif (SARIF 2.1.0), junit
check-no-glossary = no se encontró glosario: las reglas de términos, nombres y registro de citas no tienen nada que revisar
check-summary = { $files ->
    [one] 1 archivo
   *[other] { $files } archivos
  }, { $segments ->
    [one] 1 segmento
   *[other] { $segments } segmentos
  }: { $errors ->
    [one] 1 error
   *[other] { $errors } errores
  }, { $warnings ->
    [one] 1 aviso
   *[other] { $warnings } avisos
  }{ $unchecked ->
    [0] {""}
    [one] ; 1 archivo no se pudo revisar
   *[other] ; { $unchecked } archivos no se pudieron revisar
  }
check-severity-error = error
check-severity-warning = aviso
check-severity-off = desactivada
check-source-label = fuente
check-target-label = traducción
check-explain-severity = Gravedad por omisión: { $default }. En este proyecto: { $project }.
check-explain-silence = Para silenciarla en un segmento, añada un comentario de traductor: # puente-ignore { $id }: el motivo

check-untranslated = el segmento no está traducido
check-fuzzy = la traducción no está revisada (fuzzy)
check-forbidden-term = «{ $form }» está prohibido aquí: use «{ $fix }» ({ $entry })
check-glossary-term = «{ $form }» aparece { $count ->
    [one] una vez
   *[other] { $count } veces
  } en la fuente y { $found ->
    [0] ninguna
    [one] una vez
   *[other] { $found } veces
  } en la traducción: use { $expected } ({ $entry })
check-number-changed = el número { $number } de la fuente es { $found } en la traducción
check-name-changed = el nombre { $name } está escrito «{ $found }»: los nombres se escriben exactamente igual
check-name-missing = falta el nombre { $name } en la traducción
check-quote-unclosed = la comilla { $mark } se abre y nunca se cierra
check-quote-unopened = la comilla { $mark } se cierra sin haberse abierto
check-quote-level = las comillas del nivel { $level } deben ser { $expected }, no { $found }
check-quote-count = la fuente tiene { $source } citas; la traducción, { $target }
check-quote-punctuation = «{ $found }»: en español la coma o el punto van después de la comilla de cierre: «{ $fix }»
check-quote-fidelity = la cita de { $speaker } debe imprimirse como «{ $expected }» ({ $entry })
check-quote-extra = la traducción cita a { $speaker } ({ $entry }) y la fuente no
check-number-missing = el número { $number } de la fuente no está en la traducción
check-number-extra = la traducción tiene { $number } y la fuente no
check-spanish-opener = «{ $mark }» necesita su signo de apertura «{ $opener }»
check-spanish-closer = «{ $mark }» se abre y nunca se cierra con «{ $closer }»
check-markup-missing = a la traducción le falta { $token } de la fuente
check-markup-extra = { $token } está en la traducción pero no en la fuente
check-markup-replaced = { $found } está en la traducción donde la fuente tiene { $token }
check-same-as-source = la traducción es el texto fuente sin cambios
check-inconsistent = la misma fuente está traducida de otra forma en { $file }:{ $line }: «{ $other }»
check-suppression = «{ $comment }» no silencia nada: escriba puente-ignore REGLA: el motivo

rule-glossary-term = Los términos del glosario se traducen con sus formas fijas
rule-forbidden-term = Ninguna traducción prohibida de un término del glosario
rule-name-preserved = Los nombres se mantienen tal como se escriben
rule-quote-marks = Las comillas van en pares, anidadas según el estilo de la traducción, tantas como en la fuente
rule-quote-punctuation = La coma y el punto van donde los pone el estilo de la traducción: después de la comilla de cierre en español, dentro de ella en inglés
rule-quote-fidelity = Las citas del registro aparecen con su redacción aprobada
rule-numbers = Los mismos números en la fuente y en la traducción
rule-spanish-punctuation = Todo ? y ! tiene su ¿ y ¡
rule-untranslated = Todos los segmentos están traducidos
rule-fuzzy = Todas las traducciones están revisadas
rule-same-as-source = La traducción no es una copia de la fuente
rule-inconsistent = La misma fuente tiene la misma traducción en todas partes
rule-markup = Se conservan los marcadores, enlaces y marcas de formato
rule-suppression = Los comentarios de silencio nombran una regla y dan un motivo

hint-rule-glossary-term = use una de las formas del glosario en cada aparición (puente check --explain glossary-term)
hint-rule-forbidden-term = sustituya la forma prohibida por la del glosario
hint-rule-name-preserved = copie el nombre exactamente, con tildes y mayúsculas
hint-rule-quote-marks = { $target ->
        [en] cierre cada comilla y anídelas a la manera inglesa: “ ”, luego ‘ ’ y luego “ ”; un diálogo con rayas se vuelve una cita por intervención, con el narrador fuera de las comillas
       *[other] cierre cada comilla y anídelas a la manera española: « » primero, luego “ ” y luego ‘ ’ (o el quote_style del proyecto); cada intervención de un diálogo con rayas cuenta como una cita
    }
hint-rule-quote-punctuation = { $target ->
        [en] en inglés estadounidense ponga la coma o el punto dentro de la comilla de cierre (“…,” she said; called it “a failure.”)
       *[other] en español ponga la coma o el punto después de la comilla de cierre («…», dijo)
    }
hint-rule-quote-fidelity = imprima la redacción del registro; una cita dicha en español conserva sus palabras originales
hint-rule-numbers = { $target ->
        [en] incluya todos los números de la fuente, escritos a la manera inglesa (1,500.5; 3.5%)
       *[other] incluya todos los números de la fuente, escritos a la manera del español de la traducción (es-MX 1,500.5; es-ES 1.500,5)
    }
hint-rule-spanish-punctuation = abra las preguntas con ¿ y las exclamaciones con ¡, también a mitad de oración
hint-rule-untranslated = traduzca el segmento
hint-rule-fuzzy = revise la traducción y quite la marca fuzzy
hint-rule-same-as-source = traduzca el segmento, o silencie la regla con un motivo si así es correcto
hint-rule-inconsistent = use una sola traducción, o silencie la regla con un motivo
hint-rule-markup = conserve cada marcador {"{"}n{"}"}, enlace, etiqueta y marca de énfasis de la fuente
hint-rule-suppression = escriba: puente-ignore REGLA: el motivo

explain-glossary-term = Cada aparición de un término del glosario en la fuente necesita una de las formas del término en la traducción: dos apariciones en la fuente, dos en la traducción. Las formas se buscan en límites de palabra, con tildes (cartel no es cártel), a través de saltos de línea y con cualquier apóstrofo. Los nombres los revisa name-preserved, y los términos dentro de una cita del registro, quote-fidelity.
explain-forbidden-term = Una forma que el glosario prohíbe (carteles, huelga por un ataque con drones) está en la traducción. El mensaje indica la forma que debe usarse cuando exactamente una la reemplaza (las listas de formas prohibidas y aceptadas se emparejan por posición, o la forma prohibida es una grafía de una sola forma, sin contar mayúsculas ni acentos); si no, nombra la entrada del glosario entre cuyas formas hay que elegir. puente translate repara igual la salida de un motor, o deja el segmento sin traducir para revisión.
explain-name-preserved = Un nombre del glosario (kind = "name") está en la fuente y la traducción debe tenerlo tal cual, con tildes: López Obrador, no Lopez Obrador; Trump, no Triunfo. El mensaje señala el nombre mal escrito cuando lo encuentra.
explain-quote-marks = Las comillas deben ir en pares y anidadas según el estilo de la traducción. Español (RAE): « » primero, luego “ ” y luego ‘ ’ (la última se repite más adentro); con quote_style = "curly" en puente.toml, “ ” primero y luego ‘ ’; con quote_style = "either", un segmento puede abrir con cualquiera de las dos (muchos medios mexicanos usan “ ”) y anida según la que abrió. Inglés: “ ” y ‘ ’ alternadas, “ ‘ “ ‘ (se toleran las comillas rectas; una traducción británica, con la etiqueta en-GB, en-IE, en-AU o en-NZ, puede abrir con ‘ ’ y anidar “ ” dentro), sin rayas de diálogo. La traducción debe tener tantas citas como la fuente; cada intervención de un diálogo con rayas (—No podemos —afirmó—.), al inicio del segmento o tras dos puntos (El fiscal fue tajante: —No habrá acuerdo.), cuenta como una, igual que su versión inglesa entre “ ”; un crédito de agencia (—Con información de AP) y un inciso entre rayas no cuentan. Una cita que el narrador interrumpe entre rayas («Vamos a cooperar —dijo Sheinbaum—, pero no aceptaremos ataques») cuenta como una o como dos, porque el inglés la divide (“We will cooperate,” Sheinbaum said, “but…”). Una cita que la fuente deja abierta (porque sigue en otro párrafo) puede quedar abierta en la traducción.
explain-quote-punctuation = En español la coma o el punto van después de la comilla de cierre: «No nos subordinamos», dijo. Un punto dentro es correcto si otro sigue a la comilla (cierra una abreviatura), igual que ? ! y los puntos suspensivos. En inglés estadounidense (como escribe AP) la coma y el punto van siempre dentro, tras una declaración, un título o una palabra citada: “We do not subordinate,” she said; she called it “unacceptable.” Una cita que termina con su propio ? ! o punto queda como está, y un apóstrofo (the cartels’.) no es una comilla de cierre. Un archivo de trabajo cuyo inglés está etiquetado como británico (Language: en-GB, o en-IE, en-AU, en-NZ; trgLang en XLIFF) conserva la puntuación lógica y no se señala.
explain-quote-fidelity = Una cita de la fuente que es una entrada del registro de citas (glossary/quotes.toml) debe aparecer en la traducción con la redacción aprobada: todas sus palabras, en orden, salvo tipografía (mayúsculas, comillas, apóstrofos, rayas, puntuación). Una cita dicha en el idioma de la traducción se imprime con sus palabras originales, nunca retraducida. Para saber qué entrada es una cita se admite cómo la reportan los medios: por sus palabras originales, sus traducciones aprobadas y sus variantes reportadas (variants, por idioma), con pequeñas diferencias de redacción (una puntuación de al menos 0.8 sobre las palabras: una palabra de cada cinco añadida u omitida). También se informa de una cita del registro que está en la traducción y no en la fuente.
explain-numbers = Los números de la fuente y de la traducción deben tener los mismos valores, cada lado leído con su propia configuración regional: la indica el encabezado del archivo de trabajo (Language, X-Source-Language; srcLang y trgLang en XLIFF) o, si no, number_locale en puente.toml. es-MX, es-US y es-419 escriben 1,500.5 como el inglés; es-ES y el resto del español, 1.500,5 o 1 500 000 con espacio fino o de no separación. Los ordinales cuentan como números (19th, 19.º), también los siglos en romanos después de siglo (siglo XIX = 19th century), las palabras de escala multiplican (1.5 billion = 1500 millones; un billón en español es un trillion en inglés), se leen las formas de la prensa mexicana (800 mdp = 800 million pesos, mmdd = billion dollars, 2 mil 500, mil 200 millones), la hora se lee en un reloj de 24 horas (10:30 p.m. = 22:30 = 22.30 h = a las 22.30, y no 10:30 a. m.; una hora que no dice qué mitad del día es puede ser cualquiera de las dos), una década en inglés se lee de las dos maneras (the 1990s = los 90 = la década de 1990; the 1900s = el siglo XX) y los números pequeños pueden ir en letra en cualquiera de los lados. Una traducción al español escribe los siglos con números romanos: siglo 20 se señala con siglo XX como corrección (Siglo con mayúscula dentro de una oración es un nombre, como el diario Siglo 21).
explain-spanish-punctuation = En una traducción al español cada signo de interrogación o exclamación cierra un ¿ o ¡ abierto antes, también a mitad de oración: Si llega, ¿qué hará? Se admiten (?) y (!) sueltos, y las URL.
explain-untranslated = El segmento no tiene traducción.
explain-fuzzy = La traducción está marcada como fuzzy (PO) o no final (XLIFF): nadie la ha revisado. Las traducciones automáticas empiezan así.
explain-same-as-source = La traducción es el texto fuente sin cambios, aunque la fuente tiene palabras que traducir. Se exceptúan los nombres, los números, las URL y una sola palabra.
explain-inconsistent = El mismo texto fuente está traducido de formas distintas en los archivos revisados. Cada traducción posterior se informa con el lugar de la primera.
explain-markup = Cada marcador ({"{"}0{"}"}), URL, etiqueta HTML y marca de énfasis o código Markdown de la fuente debe estar en la traducción el mismo número de veces, y la traducción no debe añadir ninguno. Cada énfasis o negrita debe encerrar palabras, y un nombre, número o término del glosario que encierre en la fuente debe estar dentro del énfasis correspondiente de la traducción (el énfasis puede moverse con sus palabras).
explain-suppression = Un comentario de traductor que empieza con puente-ignore debe nombrar una regla y dar un motivo: puente-ignore quote-marks: el titular conserva las comillas de la agencia. En XLIFF, escríbalo como nota de la unidad; añada el id del segmento después de la regla para limitarlo a un segmento.

## puente glossary export / import
cmd-glossary-export = Escribe el glosario en TBX-Basic (términos y citas), TSV o CSV (términos)
cmd-glossary-import = Lee un glosario TBX, TSV o CSV y lo escribe en el TOML de puente
arg-glossary-export-output = Dónde escribir (por omisión: la salida estándar)
arg-glossary-format = Formato: tbx (por omisión), tsv o csv
arg-glossary-import-file = El archivo que se importa (.tbx, .tsv, .csv)
arg-glossary-import-output = Dónde escribir el TOML (por omisión: la salida estándar)
arg-glossary-import-format = Formato, si la extensión no lo indica: tbx, tsv o csv
glossary-written = se escribió { $path }
glossary-exported = se { $terms ->
    [one] exportó 1 término
   *[other] exportaron { $terms } términos
  } y { $quotes ->
    [one] 1 cita
   *[other] { $quotes } citas
  }
glossary-imported = se { $terms ->
    [one] importó 1 término
   *[other] importaron { $terms } términos
  } y { $quotes ->
    [one] 1 cita
   *[other] { $quotes } citas
  }
glossary-quotes-left-out = { $count ->
    [one] 1 cita del registro no se incluye
   *[other] { $count } citas del registro no se incluyen
  }: TSV y CSV solo contienen términos (TBX contiene ambos)
glossary-import-lint = el glosario importado tiene { $count ->
    [one] 1 hallazgo de lint
   *[other] { $count } hallazgos de lint
  }: ejecute puente glossary lint sobre él
import-syntax = archivo mal formado: { $reason }
import-doctype = declaración DOCTYPE rechazada: solo se lee la que nombra una DTD externa (que nunca se descarga); no se aceptan subconjuntos internos ni declaraciones de entidades
import-not-tbx = no es un documento TBX (no tiene elemento <martif> ni <tbx>)
import-language = el idioma { $value } no es en ni es
import-case = regla de mayúsculas desconocida { $value } (insensitive, sensitive, first-letter)
import-kind = tipo desconocido { $value } (term, name)
import-quote-language = una cita sin said_in = en|es en su nota puente:
import-no-language-column = la fila de encabezado ({ $header }) no nombra ninguna columna de idioma (en, es)
hint-interchange = el TBX debe ser XML TBX-Basic, con a lo sumo un DOCTYPE que nombre una DTD externa; TSV y CSV necesitan una fila de encabezado como: id, en, es, forbidden:es, note

## puente translate
cmd-translate = Rellena los segmentos sin traducir con traducción automática (glosario, nombres y citas protegidos)
arg-translate-workfiles = Los archivos de trabajo (.po, .xlf) que se rellenan, o carpetas de ellos
arg-engine = El motor, con el nombre que tiene en puente.toml [engine.NOMBRE] (por omisión: Apertium local)
arg-dry-run = Muestra lo que se enviaría (segmentos, caracteres, lotes) sin enviar nada
translate-dry-run = { $file }: { $segments ->
    [one] 1 segmento
   *[other] { $segments } segmentos
  } por traducir, { $characters ->
    [one] 1 carácter
   *[other] { $characters } caracteres
  }, { $batches ->
    [one] 1 lote
   *[other] { $batches } lotes
  } (no se envió nada)
translate-summary = { $file }: { $engine }: { $memory } de la memoria, { $sent ->
    [one] 1 enviado
   *[other] { $sent } enviados
  }, { $cached } de la caché, { $verified ->
    [one] 1 verificado y escrito como fuzzy
   *[other] { $verified } verificados y escritos como fuzzy
  }, { $left } sin traducir ({ $failed ->
    [one] 1 de ellos rechazado o sin respuesta
   *[other] { $failed } de ellos rechazados o sin respuesta
  }), { $characters ->
    [one] 1 carácter
   *[other] { $characters } caracteres
  }, { $seconds } s
arg-no-tm = No consulta primero la memoria de traducción (.puente/tm.sqlite)
translate-no-cache = no se puede abrir la caché { $path }: se continúa sin ella
arg-no-cache = No usa la caché de traducciones (.puente/cache.sqlite, o el servidor que indica [cache] url)
err-engine-missing = el motor { $engine } no está instalado
hint-apertium-install = instálelo con: apt-get install apertium-eng-spa
err-engine-pair = el motor { $engine } no ofrece { $pair }
err-engine-failed = { $engine } falló: { $reason }
err-locked = otra ejecución de puente (proceso { $pid }) trabaja en este archivo: existe { $path }
hint-locked = espere a que termine; si no hay ninguna ejecución activa, borre { $path }
err-engine-key = el motor { $engine } necesita una clave de API, y la variable de entorno { $var } está vacía o no existe
hint-engine-key = exporte { $var }=… en el shell que ejecuta puente (las claves nunca van en puente.toml)

## puente engines
cmd-engines = Lista los motores de traducción automática configurados y revisa cada uno
engines-ok = listo
engines-failed = no utilizable
engines-summary = motores revisados con una oración de prueba, { $source } → { $target } y de vuelta: { $failed ->
    [0] todos utilizables
    [one] 1 no utilizable
   *[other] { $failed } no utilizables
  }

## puente status
cmd-status = Muestra el avance de cada archivo de trabajo: segmentos y palabras traducidos, sin revisar y sin traducir
status-total = total
status-line = { $file }: { $percent } % listo: { $translated ->
    [one] 1 traducido
   *[other] { $translated } traducidos
  }, { $fuzzy } fuzzy, { $untranslated } sin traducir; faltan por revisar o traducir { $left } de { $words ->
    [one] 1 palabra fuente
   *[other] { $words } palabras fuente
  }

## puente tm
cmd-tm = La memoria de traducción: traducciones revisadas, en ambas direcciones, en .puente/tm.sqlite o en el servidor PostgreSQL que indica [tm] url
cmd-tm-add = Añade a la memoria las traducciones revisadas de archivos de trabajo
cmd-tm-stats = Cuenta las unidades de la memoria por dirección
cmd-tm-export = Escribe la memoria en TMX 1.4b
cmd-tm-import = Lee un archivo TMX en la memoria
arg-tm = El archivo o la URL postgresql:// de la memoria (por omisión: [tm] url o PUENTE_TM_URL; si no, .puente/tm.sqlite en la raíz del proyecto)
arg-tm-workfiles = Archivos de trabajo (.po, .xlf), o carpetas de ellos, cuyas traducciones revisadas entran en la memoria
arg-tm-export-output = Dónde escribir el TMX (por omisión: la salida estándar)
arg-tm-import-file = El archivo TMX
arg-tm-from = Idioma fuente (por omisión: el del proyecto)
arg-tm-to = Idioma de destino (por omisión: el otro)
tm-added = memoria de traducción: { $count ->
    [one] 1 unidad nueva
   *[other] { $count } unidades nuevas
  } de { $file }
tm-stats-line = { $source } → { $target }: { $units ->
    [one] 1 unidad
   *[other] { $units } unidades
  }, { $sources ->
    [one] 1 fuente distinta
   *[other] { $sources } fuentes distintas
  }
tm-where = memoria: { $path }
tm-exported = { $count ->
    [one] se escribió 1 unidad
   *[other] se escribieron { $count } unidades
  } ({ $from } → { $to }) en { $file }
tm-imported = memoria de traducción: { $count ->
    [one] 1 unidad nueva
   *[other] { $count } unidades nuevas
  } de { $read ->
    [one] 1 leída
   *[other] { $read } leídas
  } de { $file }
err-memory = no se puede usar la memoria de traducción { $path }: { $reason }
err-tmx = { $path }:{ $line }: { $reason }
hint-tmx = el TMX debe ser XML, con a lo sumo un DOCTYPE que nombre una DTD externa, y elementos <tu> que contengan un <tuv xml:lang="…"><seg> por idioma
arg-update = Vuelve a segmentar un artículo revisado en este archivo de trabajo: los segmentos sin cambios conservan su traducción y los cambiados reciben la traducción antigua más cercana como fuzzy
segment-updated = { $fuzzy ->
    [one] 1 segmento cambiado recibió una traducción antigua como fuzzy
   *[other] { $fuzzy } segmentos cambiados recibieron una traducción antigua como fuzzy
  } ({ $flagged ->
    [one] 1 marcado
   *[other] { $flagged } marcados
  } por cambios en números o negaciones); los eliminados se conservan como entradas obsoletas

## publish
cmd-publish = Publica una nota: ediciones en inglés, en español y bilingüe (HTML, Markdown, JSON alineado), tras la revisión
arg-publish-article = El artículo fuente (.md o .txt)
arg-publish-translation = Su archivo de trabajo (.po, .xlf), o el artículo ya traducido (por omisión: el archivo de trabajo que escribe segment)
arg-publish-out = La carpeta donde publicar (por omisión: public/ en la raíz del proyecto)
arg-publish-draft = Publica aunque haya segmentos sin revisar o errores de check: aviso de BORRADOR y noindex
arg-publish-date = La fecha de la nota, AAAA-MM-DD (por omisión: la fecha del front matter)
arg-publish-author = El autor de la firma (por omisión: el autor del front matter)
arg-publish-base-url = La dirección del sitio, para enlaces hreflang y canónicos absolutos (por omisión: enlaces relativos)
err-unpaired = { $path } no se puede emparejar bloque por bloque con { $source }: { $detail }
hint-unpaired = publique desde el archivo de trabajo, o vuelva a ejecutar merge para que ambos artículos tengan los mismos bloques
err-other-article = { $path } se hizo a partir de { $source }, no de { $article }
err-date = { $value } no es una fecha
hint-date = escríbala como AAAA-MM-DD, por ejemplo 2026-11-23
publish-check-item = { $file }:{ $line }: segmento { $id }: error de check ({ $rule })
publish-draft-item = { $file }:{ $line }: el artículo está marcado como borrador (draft: true); quite la marca cuando esté revisado
publish-refused = publicación rechazada: { $count ->
    [one] un problema detiene
   *[other] { $count } problemas detienen
} la nota
publish-draft-anyway = se publica un BORRADOR a pesar de { $count ->
    [one] un problema
   *[other] { $count } problemas
}:
publish-hint-draft = revise los segmentos (puente check enumera los errores), o publique con --draft solo para los editores
publish-done = { $slug } publicada en { $dir } ({ $files ->
    [one] 1 archivo
   *[other] { $files } archivos
  })
publish-done-draft = { $slug } publicada como BORRADOR en { $dir } ({ $files ->
    [one] 1 archivo
   *[other] { $files } archivos
  }; aviso y noindex)

## Elementos de la edición: lo que ven los lectores (cada edición usa el archivo de su idioma)
kicker-analysis = ANÁLISIS
kicker-opinion = OPINIÓN
kicker-news = NOTICIAS
kicker-explainer = EXPLICADOR
kicker-interview = ENTREVISTA
edition-also-read = Lee también
edition-translated-from-en = Traducido del inglés
edition-translated-from-es = Traducido del español
edition-read-this = Leer en español
edition-byline = Por { $author }
edition-date = { $day } de { $month } de { $year }
edition-draft = BORRADOR: sin revisar, no publicar
edition-bilingual = Edición bilingüe
edition-unreviewed = Traducción sin revisar
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

## Writes, standard output and input size (issue 11)
err-output-is-input = { $path } es { $role ->
    [article] el artículo fuente
    [workfile] el archivo de trabajo
    [glossary] el archivo del glosario
    [memory] la memoria de traducción
   *[input] la entrada
} que este comando lee; escribir ahí destruiría ese archivo
err-output-is-input-linked = { $path } es el mismo archivo que { $role ->
    [article] el artículo fuente
    [workfile] el archivo de trabajo
    [glossary] el archivo del glosario
    [memory] la memoria de traducción
   *[input] la entrada
} { $input }; escribir ahí destruiría ese archivo
hint-output-is-input = elija otro archivo de salida
err-output-kind = no se puede escribir { $path }: es { $kind ->
    [directory] una carpeta
    [special] un archivo especial (un FIFO, un dispositivo o un enlace)
   *[socket] un socket
}
hint-output-kind = indique un archivo para escribir
err-no-folder = no se puede escribir { $path }: la carpeta { $folder } no existe
hint-no-folder = créela primero (mkdir -p { $folder }) o elija otro archivo de salida
err-stdout = no se puede escribir en la salida estándar: { $reason }
err-too-big = { $path } mide { $size }, más que el límite de entrada de { $limit }
err-too-big-stream = { $path } es más grande que el límite de entrada de { $limit }
hint-too-big-input = si de verdad es una sola entrada, aumente { $setting } en la tabla [limits] de puente.toml o defina { $var }
hint-too-big = si de verdad es una sola entrada, aumente { $setting } en la tabla [limits] de puente.toml
err-bad-size = { $setting } = "{ $value }" no es un tamaño
hint-bad-size = escriba un número de bytes, o un número y una unidad: 16 MiB, 512 KiB, 1 GiB
interrupted = interrumpido por { $signal }; no quedó ningún archivo temporal ni de bloqueo
## MT engines: secrets and time (issue 11)
translate-stopped = { $file }: la ejecución se detuvo antes de terminar: { $done ->
    [one] 1 segmento traducido y guardado
   *[other] { $done } segmentos traducidos y guardados
  }, { $left } por traducir
err-engine-key-env = el motor { $engine } necesita una clave de API, y su tabla no indica key_env
hint-engine-key-env = añada key_env = "DEEPL_AUTH_KEY" a [engine.{ $engine }] en puente.toml y exporte esa variable (las claves nunca van en puente.toml)
err-engine-userinfo = la url del motor { $engine } contiene un nombre de usuario o una contraseña; se rechaza y no se envió nada (url sin ellos: { $url })
hint-engine-userinfo = quítelos de url en [engine.{ $engine }] e indique con key_env la variable de entorno que contiene la clave: puente la envía como el motor la espera
err-engine-url = la url del motor { $engine } no es una dirección http:// ni https://: { $url }
hint-engine-url = escriba url = "https://host:puerto" en [engine.{ $engine }] en puente.toml
err-engine-timeout = { $engine }: { $url } no respondió en { $seconds } s; el motor se da por caído
hint-engine-timeout = revise que el servidor esté en marcha y se pueda alcanzar; uno lento necesita un timeout mayor en [engine.{ $engine }]
err-engine-redirect = { $engine }: { $from } redirige a { $to }, otro origen; se rechaza, así que la clave y los textos se quedan en el servidor que usted configuró
hint-engine-redirect = si confía en { $to }, ponga en url de [engine.{ $engine }] la dirección a la que redirige el servidor
err-engine-wait = { $engine }: { $url } responde HTTP { $status } y pide esperar { $seconds } s, más de lo que permite la ejecución
hint-engine-wait = ejecute puente translate de nuevo más tarde: solo envía lo que aún falta
err-engine-deadline = { $engine }: venció el plazo de la ejecución, { $seconds } s
hint-engine-deadline = ejecute puente translate de nuevo para enviar el resto, o aumente deadline en [engine.{ $engine }]
## Work files and formats (issue 11)
po-invalid-utf8 = bytes escritos como secuencias de escape (octales o hexadecimales) que no forman UTF-8
import-unterminated-quote = un valor entre comillas empieza en esta línea y nunca se cierra
po-plural-index = msgstr[{ $found }] donde se esperaba msgstr[{ $expected }] (las formas de plural se numeran desde 0, en orden)
duplicate-id-reason = el id { $id } se usa dos veces (la primera en la línea { $first }): no se puede saber qué traducción usar
hint-duplicate-id = conserve una de las dos entradas; `puente check { $path }` lista cada id usado dos veces
check-duplicate-id = el id { $id } se usa dos veces: la primera en la línea { $first_line }
check-plural-count = { $found ->
    [one] una forma de plural
   *[other] { $found } formas de plural
  } donde el Plural-Forms del encabezado dice nplurals={ $expected }
check-plural-no-msgid-plural = msgstr[n] en una entrada sin msgid_plural
rule-duplicate-id = Cada id se usa una vez en un archivo de trabajo
rule-plural-forms = Las entradas con plural tienen tantas formas como el nplurals del encabezado
hint-rule-duplicate-id = conserve una de las entradas con este id y borre la otra; merge rechaza el archivo mientras tanto
hint-rule-plural-forms = escriba de msgstr[0] a msgstr[nplurals-1] en una entrada con msgid_plural, y un msgstr simple en cualquier otra
explain-duplicate-id = Un archivo de trabajo une cada traducción a su lugar en el artículo por un id, y gettext y las herramientas de traducción asistida esperan cada uno una sola vez. En PO, dos entradas no deben compartir a la vez msgctxt y msgid (msgfmt rechaza un archivo así), y en un archivo de trabajo de puente dos entradas no comparten msgctxt. En XLIFF, un id de unidad se usa una vez en su archivo y un id de segmento una vez en su unidad (una vez en el archivo, en un archivo de trabajo de puente). Cuando un id se usa dos veces, merge no puede saber qué traducción usar, así que rechaza el archivo; conserve una de las dos.
explain-plural-forms = Una entrada PO con msgid_plural tiene una traducción por cada forma de plural del idioma de destino: de msgstr[0] a msgstr[N-1], donde N es el nplurals del Plural-Forms del encabezado (2 cuando el encabezado no lo dice; 2 para español e inglés). Menos o más formas, o msgstr[n] en una entrada sin msgid_plural, hacen que msgfmt rechace el archivo y dejan algunas cantidades sin traducción.
err-glossary-lint = el glosario { $path } tiene { $count ->
    [one] un error de lint; puente no elige entre sus entradas
   *[other] { $count } errores de lint; puente no elige entre sus entradas
  }:
err-glossary-lint-more = … y { $count } más
hint-glossary-lint = corrija lo que informa `puente glossary lint { $path }` y vuelva a ejecutar
## MT engines: probes and the local program's time (issue 11)
err-engine-dead = { $engine }: { $url } no respondió en { $seconds } s; el servidor se da por caído y no se envió nada
err-engine-died = { $engine }: una solicitud no obtuvo respuesta en { $timeout } s y luego { $url } tampoco respondió en { $seconds } s; el servidor se da por caído
hint-engine-dead = revise que el servidor esté en marcha y se pueda alcanzar (puente engines revisa cada motor); cuando responda, ejecute puente translate de nuevo: solo envía lo que aún falta
err-engine-stuck = { $engine }: { $program } no terminó en { $seconds } s y se detuvo
hint-engine-stuck = revise que { $program } funcione (echo prueba | { $program } spa-eng); una máquina lenta necesita un timeout mayor en [engine.{ $engine }] con kind = "apertium"

## translate (issue 11)
err-workfile-changed = { $path } cambió durante la traducción; sus cambios se conservan, y { $lost ->
    [one] { $lost } traducción de esta ejecución no se escribió
   *[other] { $lost } traducciones de esta ejecución no se escribieron
  }
hint-workfile-changed = ejecute de nuevo puente translate { $path }: envía solo lo que falta, y lo que esta ejecución recibió sale de la caché
err-engine-url-query = la url del motor { $engine } tiene una consulta o un fragmento (?… o #…); se rechaza y no se envió nada (url sin ellos: { $url })
hint-engine-url-query = quítelos de url en [engine.{ $engine }]; las claves van en una variable de entorno indicada con key_env, nunca en la url
## check, work files, glossary, XML (issue 11)
rule-control-characters = Ningún carácter de control en una traducción que su fuente no tenga
hint-rule-control-characters = borre los caracteres de control de la traducción (suelen venir de una respuesta dañada de un motor de traducción automática o de un escape \000 en un PO)
explain-control-characters = Los caracteres de control (ESC, BEL, NUL, el tabulador vertical y los demás caracteres C0 y C1, salvo el tabulador y el salto de línea) no tienen lugar en un artículo. Una terminal los obedece (una secuencia ESC puede borrar la pantalla o cambiar el título de la ventana de quien lee el informe), XML 1.0 prohíbe la mayoría, así que un XLIFF o un TMX que los contenga no está bien formado, y un NUL corta el texto publicado en muchas herramientas. La regla informa de una traducción con un carácter de control que su fuente no tiene; merge se niega a escribirlo en el artículo.
check-control-characters = { $count ->
    [one] la traducción contiene un carácter de control ({ $chars }) que la fuente no tiene
   *[other] la traducción contiene { $count } caracteres de control ({ $chars }) que la fuente no tiene
}
reason-control-character = la traducción contiene el carácter de control { $character }, que un artículo no puede llevar (puente check lo informa como control-characters)
tm-export-skipped = { $count ->
    [one] 1 unidad quedó fuera de la exportación: su texto contiene un carácter de control que XML no puede llevar (puente check lo informa como control-characters)
   *[other] { $count } unidades quedaron fuera de la exportación: su texto contiene caracteres de control que XML no puede llevar (puente check los informa como control-characters)
}
note-not-a-regular-file = { $path } no es un archivo regular (un FIFO, un socket o un dispositivo): se omite
check-plural-no-header = una entrada con plural, pero el encabezado no tiene Plural-Forms: nplurals=N; plural=EXPRESIÓN; (msgfmt --check rechaza el archivo)
check-plural-bad-header = una entrada con plural, pero el Plural-Forms del encabezado «{ $forms }» no se puede leer: escriba nplurals=N; plural=EXPRESIÓN; (msgfmt --check rechaza el archivo)
import-repeated-column = la fila de encabezado nombra la columna { $column } dos veces
import-extra-cells = esta fila tiene { $cells ->
    [one] 1 celda
   *[other] { $cells } celdas
  }, pero el encabezado nombra { $columns ->
    [one] 1 columna
   *[other] { $columns } columnas
  }
hint-interchange-table = TSV y CSV necesitan una fila de encabezado que nombre cada columna una sola vez, como: id, en, es, forbidden:es, note; y ninguna fila con más celdas que el encabezado (ponga entre comillas un valor que contenga el delimitador)
lint-duplicate-id = { $entry }: el id también se usa en { $other }
## Writing files (issue 11, second round)
err-read-only = no se puede escribir { $path }: sus permisos no le permiten escribirlo, así que se dejó como estaba
hint-read-only = hágalo escribible primero (chmod u+w { $path }) o elija otro archivo de salida
err-folder-read-only = no se puede escribir { $path }: la carpeta { $folder } no le permite añadir archivos
hint-folder-read-only = haga escribible la carpeta (chmod u+w { $folder }) o elija otro archivo de salida
tm-none-yet = todavía no hay memoria de traducción en { $path }: la crean puente merge y puente tm add
err-database-kind = { $path } es { $kind ->
    [directory] una carpeta
    [device] un dispositivo o un FIFO
   *[socket] un socket
  }, no un archivo de base de datos, así que no se abrió
hint-database-kind = indique un archivo con --tm o quite de ahí lo que hay
err-no-memory = todavía no hay memoria de traducción en { $path }, así que no hay nada que exportar
hint-no-memory = la crean puente merge y puente tm add; o indique otra memoria con --tm
err-workfile-too-big = no se puede escribir { $path }: el archivo de trabajo pasaría de { $limit }, lo máximo que puente vuelve a leer, así que no se escribió
hint-workfile-too-big = divida el artículo o aumente max_input_size en la tabla [limits] de puente.toml (los archivos de trabajo pueden medir { $factor } veces eso)

## system errors (issue 11): the reason after "cannot read/write PATH:"
io-with-code = { $reason } (error del sistema { $code })
io-not-found = no existe el archivo o la carpeta
io-permission-denied = permiso denegado
io-already-exists = ya existe un archivo con ese nombre
io-storage-full = no queda espacio en el dispositivo
io-quota-exceeded = se superó la cuota de disco
io-not-a-directory = una parte de la ruta no es una carpeta
io-is-a-directory = es una carpeta
io-read-only-filesystem = el sistema de archivos es de solo lectura
io-resource-busy = el archivo está ocupado (en uso o montado)
io-crosses-devices = el archivo está en otro dispositivo
io-file-too-large = el archivo es demasiado grande para el sistema de archivos
io-invalid-filename = el nombre de archivo no es válido aquí
io-timed-out = se agotó el tiempo de la operación
io-interrupted = se interrumpió la operación
io-unexpected-eof = el archivo termina antes de tiempo

## output (issue 12)
cli-quiet = No muestra mensajes informativos, resúmenes ni progreso en stderr (los errores y los datos se muestran como siempre)

## errors (issue 12)
# Las palabras de una biblioteca o un programa ajeno, bajo el mensaje de puente.
caused-by-prefix = Causa
io-other = el sistema rechazó la operación
xml-unclosed-tag = una etiqueta nunca se cierra con >
xml-unclosed-comment = un comentario (<!--) nunca se cierra
xml-unclosed-cdata = una sección CDATA nunca se cierra
xml-unclosed-doctype = la declaración DOCTYPE nunca se cierra
xml-unclosed-pi = una instrucción de procesamiento o declaración XML (<?) nunca se cierra
xml-invalid-markup = <! abre algo que no es comentario, CDATA ni DOCTYPE
xml-mismatched-end = </{ $found }> cierra <{ $expected }>
xml-unmatched-end = </{ $name }> cierra un elemento que nunca se abrió
xml-missing-version = la declaración XML no indica su versión
xml-double-hyphen = un comentario contiene --
xml-bad-attribute = un atributo está mal escrito (necesita un nombre, = y un valor entre comillas)
xml-duplicate-attribute = una etiqueta da dos veces el mismo atributo
xml-unknown-entity = entidad desconocida &{ $name }; (solo se leen &amp; &lt; &gt; &quot; &apos; y las referencias de carácter)
xml-unterminated-entity = un & abre una referencia que ningún ; termina
xml-bad-char-ref = una referencia de carácter no nombra ningún carácter
xml-forbidden-char = XML 1.0 no admite el carácter { $code }
xml-forbidden-char-ref = la referencia de carácter { $reference } nombra un carácter que XML 1.0 no admite
xml-doctype = declaración DOCTYPE rechazada: solo se lee la que nombra una DTD externa (que nunca se descarga); no se aceptan subconjuntos internos ni declaraciones de entidades
hint-xml-doctype = quite la declaración DOCTYPE, o deje solo <!DOCTYPE nombre SYSTEM "archivo.dtd">
xml-truncated = el archivo termina antes de que se cierren sus elementos
xml-other = el XML no se puede leer
xliff-bad-cp = un elemento <cp> sin un valor hex válido
xliff-no-root = no hay elemento <xliff>
hint-xliff = un archivo de trabajo debe ser XLIFF 2 (o 1.2) con un elemento raíz <xliff>; puente segment lo escribe así
tmx-not-tmx = no es un documento TMX (no hay elemento <tmx>)
import-table = la tabla no se puede leer
err-config-at = { $path }:{ $line }: { $reason }
cfg-syntax = el archivo no es TOML válido
hint-cfg-syntax = puente init en una carpeta vacía escribe un puente.toml comentado para comparar
cfg-unknown-key = clave desconocida { $key }
hint-cfg-keys = las claves que se reconocen ahí son: { $allowed }
cfg-bad-value = { $key } tiene un valor de un tipo que no corresponde
cfg-choice = { $key } = "{ $value }" no es uno de los valores admitidos
hint-cfg-choice = use uno de: { $allowed }
cfg-unknown-rule = [check.rules] nombra la regla { $id }, que puente no tiene
cfg-seconds = { $key } = { $value }: debe ser un número de segundos mayor que 0 y de 86400 como máximo
cfg-rate = { $key } = { $value }: debe ser un número de solicitudes por segundo mayor que 0 (al menos una al día) y de { $max } como máximo
cfg-range = { $key } = { $value }: debe estar entre { $min } y { $max }
cfg-size = { $key } no es un tamaño mayor que cero
cfg-missing = el tipo de motor { $kind } necesita { $key }
err-glossary-load = { $file }:{ $line }:{ $column }: el glosario no se puede cargar
err-engine-failed-alone = el motor { $engine } falló
err-engine-status = { $engine }: { $url } respondió HTTP { $status }
hint-engine-quota = la cuota de la cuenta está agotada: espere a que se renueve, o auméntela con el proveedor
hint-engine-server = el servidor falló aun después de los reintentos: ejecute puente translate de nuevo más tarde; solo envía lo que aún falta
err-engine-connect = { $engine }: no se puede conectar con { $url }
err-engine-broken = { $engine }: la conexión con { $url } se cortó antes de completar la respuesta
err-engine-request = { $engine }: la solicitud a { $url } no se puede hacer
hint-engine-connect = revise que el servidor esté en marcha y que url en [engine.{ $engine }] sea correcta (puente engines revisa cada motor)
err-engine-protocol = { $engine }: { $url } respondió algo que no es una traducción: { $reason }
proto-too-large = la respuesta pesa más de 32 MiB
proto-json = la respuesta no es el JSON que define el protocolo
proto-model = el servidor no ofrece el modelo
proto-pair = el servidor no ofrece el par de idiomas { $pair }
proto-count = { $sent ->
    [one] se envió 1 texto
   *[other] se enviaron { $sent } textos
  } y { $got ->
    [one] volvió 1
   *[other] volvieron { $got }
  }
proto-no-choices = la respuesta no trae ninguna opción
proto-unfinished = la respuesta se detuvo antes de tiempo (finish_reason { $reason }: cortada o filtrada)
proto-not-asked = la respuesta no es el JSON que pedían las instrucciones
proto-twice = el segmento { $id } volvió dos veces
proto-not-returned = el segmento { $id } no volvió
proto-never-sent = el segmento { $id } volvió pero nunca se envió
proto-not-texts = translatedText no es una lista de textos
err-memory-alone = no se puede usar la memoria de traducción { $path }
fm-toml-alone = el front matter no es TOML válido

## publish (issue 12)
err-front-matter-date = { $path }: la fecha { $value } del front matter no es una fecha
hint-front-matter-date = escríbala como AAAA-MM-DD, por ejemplo 2026-11-23, o indique la fecha con --date

## command line: usage errors and value names (issue 12)
# Los marcadores de los argumentos en la ayuda y en las líneas de uso.
cli-value-article = ARTÍCULO
cli-value-translated = TRADUCCIÓN
cli-value-workfile = ARCHIVO_DE_TRABAJO
cli-value-scraped = EXTRAÍDO
cli-value-file = ARCHIVO
cli-value-path = RUTA
cli-value-dir = CARPETA
cli-value-out = SALIDA
cli-value-name = NOMBRE
cli-value-rule = REGLA
cli-value-date = AAAA-MM-DD
cli-value-command = COMANDO
# Errores de uso: lo que clap encontró mal en la línea de comandos, en el idioma de la interfaz.
cli-err-unknown-argument = argumento inesperado: { $arg }
cli-err-unknown-command = puente no tiene el comando { $command }
cli-err-missing-value = { $arg } necesita un valor
cli-err-invalid-value = { $value } no es un valor válido para { $arg }
cli-err-invalid-choice = { $value } no es un valor válido para { $arg }; valores válidos: { $values }
cli-err-too-many-values = { $arg } no admite más valores: { $value }
cli-err-conflict = { $arg } no se puede usar junto con { $other }
cli-err-repeated = { $arg } se indicó más de una vez
cli-err-missing-required = { $count ->
    [one] falta un argumento obligatorio: { $args }
   *[other] faltan argumentos obligatorios: { $args }
}
cli-err-missing-command = { $command } necesita un comando: { $commands }
cli-err-invalid-utf8 = un argumento no es UTF-8 válido
cli-err-no-equals = { $arg } lleva su valor después de un signo igual ({ $arg }=…)
cli-err-other = no se puede leer la línea de comandos
cli-hint-help = para más información, ejecute { $help }
cli-hint-did-you-mean = ¿quiso decir { $suggestion }? Para más información, ejecute { $help }

## languages (issue 12)
err-header-lang = { $path }: su encabezado indica el idioma { $value }, que puente no traduce
hint-header-lang = puente trabaja entre en y es: corrija el idioma en el encabezado del archivo de trabajo (Language y X-Source-Language en PO, srcLang y trgLang en XLIFF)
err-flag-against-header = { $path }: { $flag } { $given } contradice el encabezado del archivo de trabajo, que indica { $declared }
hint-flag-against-header = el encabezado indica en qué idiomas están las traducciones: omita { $flag } o vuelva a crear el archivo de trabajo con puente segment
err-lang-mismatch = { $path }: el front matter indica lang { $front }, pero el nombre del archivo indica { $name }
hint-lang-mismatch = corrija el lang del front matter o el nombre del archivo, o indique --from para decir en qué idioma está el artículo

## pairing (issue 12)
pair-block-count = la fuente tiene { $source ->
        [one] { $source } bloque
       *[other] { $source } bloques
    } y la traducción { $target }
pair-kind = el bloque { $index } (línea { $line }) es { $source } en la fuente y { $target } en la traducción
block-kind = { $kind ->
        [kicker] una volanta
        [headline] un titular
        [dek] un sumario
        [subhead] un intertítulo
        [list-item] un elemento de lista
        [related-title] el título de un enlace relacionado
       *[paragraph] un párrafo
    }

## engines (issue 13)
err-engine-exit = { $engine }: { $program } terminó con el estado de salida { $code }
err-engine-signal = { $engine }: { $program } fue detenido por una señal
err-engine-no-output = { $engine }: { $program } terminó sin escribir una traducción
hint-engine-program = ejecútelo a mano para ver qué dice: echo prueba | { $program } -f txt { $pair }
check-forbidden-term-entry = «{ $form }» está prohibido aquí, y ninguna forma única lo reemplaza: elija una de la entrada { $entry } del glosario
rule-engine-unknown-words = Las palabras que el motor no conocía se revisan
hint-rule-engine-unknown-words = revise cómo quedaron estas palabras en la traducción (el motor las dejó como estaban) y luego revise la traducción
explain-engine-unknown-words = puente translate anota, en la nota de procedencia de una traducción automática (un comentario del traductor en PO, una nota en XLIFF), las palabras que el motor no conocía: Apertium las marca (*palabra, @palabra) y las copia sin traducir, y puente quita las marcas. Mientras la traducción no esté revisada (fuzzy), esta regla las enumera, para que quien revisa las vea primero. Revisar la traducción (quitar la marca fuzzy) termina el hallazgo; traducir el segmento de nuevo reemplaza la nota.
check-engine-unknown-words = el motor no conocía { $count ->
        [one] la palabra
       *[other] las palabras
    } { $list }
err-engine-test-empty = { $engine }: la oración de prueba ({ $source } → { $target }) volvió vacía
err-engine-test-echo = { $engine }: la oración de prueba ({ $source } → { $target }) volvió sin traducir: «{ $answer }»
hint-engine-test = el motor responde pero no traduce: revise sus datos de idioma (para Apertium, el paquete del par; para un servidor, sus modelos y su registro) y ejecute puente engines de nuevo
translate-unknown-words = { $file }: { $count ->
        [one] 1 traducción contiene palabras que el motor no conocía; su nota las nombra
       *[other] { $count } traducciones contienen palabras que el motor no conocía; sus notas las nombran
    } (puente check las enumera como engine-unknown-words)
translate-repaired = { $file }: { $count ->
        [one] 1 traducción tenía una forma prohibida que la corrección del glosario reemplazó; su nota dice cuál
       *[other] { $count } traducciones tenían formas prohibidas que la corrección del glosario reemplazó; sus notas dicen cuáles
    }

## english (issue 13)
check-quote-dialogue = las rayas de diálogo son estilo español: en inglés, las palabras dichas van entre “ ” y quien habla, fuera
check-quote-punctuation-inside = { $found } tras una cita: en inglés estadounidense la coma o el punto van dentro de la comilla de cierre ({ $fix })

## markup (issue 13)
check-markup-empty = { $token } no encierra ninguna palabra
check-markup-emphasis-words = «{ $enclosed }» está dentro de { $token } en la fuente pero no en la traducción

## numbers, centuries and the quote register (issue 13)
check-number-read = { $number } de la fuente vale { $value }, pero { $number } se lee como { $found_value } en la traducción: escriba el valor como se escriben los números en la lengua de la traducción
check-century-arabic = el siglo { $number } está escrito con números arábigos: los siglos se escriben con números romanos ({ $fix })

## init (issue 16): the comments of the puente.toml template, the starter glossary, and what
## init says it made.
init-config-head =
    Configuración del proyecto de puente. puente busca este archivo en la carpeta actual o en
    las carpetas que la contienen.
init-config-languages = El idioma en que suelen escribirse las notas y el idioma al que se traducen (en, es).
init-config-target-locale = La variante de destino decide las convenciones de números y comillas de la revisión (es-MX, es-ES).
init-config-workfiles = Dónde escribe `puente segment` los archivos de trabajo si no se da -o, relativo a este archivo.
init-config-glossary = El glosario y el registro de citas (archivos TOML), relativo a este archivo.
init-config-quote-style =
    Comillas de primer nivel en español: "angular" para « » (RAE), "curly" para “ ”, "either"
    para una mesa que acepta ambas (cada segmento anida según la comilla con que abre).
init-config-number-locale = Números en el destino: "es-MX" escribe 1,500.5 como el inglés; "es-ES" escribe 1.500,5.
init-config-tm-exact =
    Acepte como revisada una coincidencia exacta de la memoria de traducción en el mismo
    contexto (mismos segmentos anterior y siguiente), en vez de escribirla como aproximada para revisión.
init-config-tm-fuzzy =
    La coincidencia aproximada más baja que ofrece la memoria, en porcentaje de caracteres
    (50–100). Las coincidencias aproximadas se escriben para revisión con su puntuación y su
    origen, y no se envían al motor.
init-config-limits =
    El artículo o archivo de glosario más grande que lee puente (una nota es mucho menor) y el
    archivo TMX más grande que lee `puente tm import`. PUENTE_MAX_INPUT_SIZE reemplaza el
    primero. Los archivos de trabajo (PO, XLIFF) miden varias veces su artículo: pueden medir
    ocho veces max_input_size, y puente nunca escribe uno mayor, así que siempre lee lo que escribe.
init-config-rules =
    La gravedad de una regla en este proyecto: "error" (la revisión falla), "warning" (aviso)
    u "off" (apagada). `puente check --explain REGLA` documenta cada regla.
init-glossary-head =
    Los términos fijos de la redacción, inglés ↔ español. Se editan a mano; `puente glossary
    lint` los revisa en la CI. Un [[term]] por concepto:
      id         identificador estable (minúsculas, guiones)
      kind       "term" (se traduce) o "name" (nunca se traduce: igual en ambos idiomas)
      en, es     cada forma aceptada, con sus flexiones (cartel, cartels ↔ cártel, cárteles)
      forbidden  formas que no deben aparecer, por idioma; las formas de la entrada las corrigen
      note       el porqué, para quien traduce
    Las citas de redacción fija van en una tabla [[quote]] (`puente glossary --help`).
    Un ejemplo; quite los signos # para usarlo:
init-made-file = se escribió { $path }
init-made-folder = se creó la carpeta { $path }
init-ignored = se añadió { $entry } a { $path }
init-kept = se conservó { $path }: ya existe
init-next = siguiente paso: ponga un artículo en esta carpeta y ejecute `puente segment ARTÍCULO`
arg-init-dir = La carpeta del proyecto (se crea si no existe); la carpeta actual si no se indica
arg-init-ci = Escribe también la receta de CI de docs/ci.md: github (.github/workflows/puente.yml) o gitlab (.gitlab-ci.yml)

## drafts that say so (issue 15)
merge-done-draft = se escribió { $path } como BORRADOR: { $translated } de { $total ->
    [one] 1 segmento revisado
   *[other] { $total } segmentos revisados
  }
merge-draft-plain = la edición es texto plano, sin front matter: nada en ella dice que es un borrador

## review page (issue 15)
edition-legend = Marcas de revisión
edition-mark-machine = Traducción automática sin revisar
edition-mark-memory = Coincidencia de la memoria de traducción sin revisar
edition-mark-untranslated = Sin traducir: se muestra el original
edition-finding = Hallazgo de la revisión

## check reports (issue 16)
arg-check-output = Dónde escribir el informe, completo o nada (por omisión: la salida estándar)
check-nothing = nada que revisar: no hay archivos de trabajo (.po, .xlf, .xliff) en { $path }
check-no-work-folder = nada que revisar: la carpeta de trabajo { $path } todavía no existe
check-report-written = se escribió { $path }
check-report-not-written = no se escribió el informe en { $path }, porque algunos archivos no se pudieron revisar

## status (issue 16)
status-same-story = { $file } traduce la misma nota que { $other }, más reciente: el total cuenta la nota una sola vez, con { $other }
tm-export-other-direction = la memoria también tiene { $count ->
    [one] 1 unidad
   *[other] { $count } unidades
  } { $from } → { $to }, que no están en este archivo: expórtelas con --from { $from } --to { $to }

## publish: the newsroom's index (issue 15)
err-reserved-slug = el slug { $slug } de la nota ocuparía el lugar del índice { $path }
hint-reserved-slug = dé a la nota otro slug en su front matter (slug: …) o cambie el nombre del artículo
index-skipped = { $path } queda fuera del índice: { $reason }
index-skip-unreadable = no se puede leer ({ $reason })
index-skip-too-big = es demasiado grande para ser el registro de una nota
index-skip-not-json = no es JSON ({ $reason })
index-skip-not-a-record = no es un registro de nota de puente ({ $reason })
index-skip-schema = es un registro de nota del esquema { $schema }, que esta versión de puente no lee
index-skip-other-slug = contiene el registro de { $slug }, no el de la nota que dice su nombre
# Las páginas del índice: lo que ven los lectores (cada página usa el archivo de su idioma).
index-title = Notas
index-language = Español
index-date = Fecha
index-headline = Titular
index-status = Estado
index-editions = Ediciones
index-final = Final
index-draft = Borrador
index-bilingual = Bilingüe

## interrupts and network errors (issue 16)
translate-resume = ejecute de nuevo el mismo comando para reanudar: lo guardado se conserva, y solo se { $left ->
    [one] envía el segmento que sigue vacío
   *[other] envían los { $left } segmentos que siguen vacíos
  }
translate-stale-lock = { $file }: se tomó su bloqueo, que dejó el proceso { $pid }, que ya no existe (una ejecución terminada a la fuerza)
interrupted-again = interrumpido otra vez por { $signal }: se detuvo de inmediato; los archivos en disco están completos, cada uno se reemplaza entero o no se toca
err-engine-refused = { $engine }: { $url } rechazó la conexión: no hay nada escuchando ahí
err-engine-dns = { $engine }: el nombre de host de { $url } no se resuelve
err-engine-tls = { $engine }: falló la conexión segura (TLS) con { $url }
hint-engine-start-apy = inicie APy (apertium-apy -p { $port } /usr/share/apertium/modes), o corrija url en [engine.{ $engine }] si se ejecuta en otro lugar; puente engines revisa cada motor
hint-engine-dns = revise el nombre de host de url en [engine.{ $engine }] y la red de este equipo
hint-engine-tls = revise url en [engine.{ $engine }]: https:// solo para un servidor que use TLS con un certificado en el que este equipo confíe, http:// para uno local sin TLS
hint-engine-refused-key-var = el servidor rechazó la clave: revise la clave de la variable de entorno { $var } (key_env en [engine.{ $engine }])
hint-engine-needs-key = el servidor pide una clave: añada key_env = "VARIABLE" a [engine.{ $engine }] (kind = "{ $kind }") y exporte la clave en esa variable
err-unknown-engine-named = puente.toml no define ningún motor utilizable llamado { $name } ({ $count ->
    [0] no define ningún motor
    [one] el único que define: { $engines }
   *[other] los que define: { $engines }
  })
hint-unknown-engine-table = añádalo a puente.toml, u omita --engine para usar el Apertium local:
    { $table }

## front matter (issue 16)
fm-unclosed-at = el front matter que se abre aquí nunca se cierra (no hay una línea { $delim } después)
hint-fm-unclosed = cierre el front matter: añada una línea { $delim } después de la línea { $last }, antes del texto del artículo
fm-lang = lang { $value } no es un idioma que puente traduzca
hint-fm-lang = escriba en o es, o una forma regional como en-US, en-GB, es-MX o es_MX
fm-date = la fecha { $value } no es una fecha del calendario
hint-fm-date = escriba la fecha como AAAA-MM-DD, por ejemplo 2026-11-23 (puede seguir una hora: 2026-11-23T08:00:00Z)
fm-draft = draft { $value } no es true ni false
hint-fm-draft = escriba draft: true o draft: false
fm-related-not-a-list = related no es una lista de enlaces
fm-related-inline = related está escrito en una sola línea, donde sus títulos no se traducirían
fm-related-not-a-link = este elemento de related no es un enlace con título
fm-related-no-title = este enlace de related no tiene título
hint-fm-related = escriba cada enlace como un elemento de la lista bajo related: "- title: …" con "url: …" en la línea siguiente, con sangría
hint-fm-related-toml = escriba cada enlace como una tabla [[related]] con title = "…" y url = "…"
warning-prefix = aviso
fm-unknown-key = { $path }:{ $line }: clave desconocida del front matter { $key }: se conserva tal cual y no se traduce
fm-unknown-related-key = { $path }:{ $line }: clave desconocida { $key } en un enlace de related: se conserva tal cual y no se traduce
hint-fm-closest = ¿quiso decir { $closest }?
hint-fm-keys = puente conoce { $keys }; vea README.md, «Front matter»
err-article-not-workfile = { $path } es un artículo, no un archivo de trabajo
hint-article-not-workfile = combine el archivo de trabajo del artículo: puente merge { $workfile }
hint-article-not-segmented = segmente primero el artículo (puente segment { $path } escribe { $workfile }), tradúzcalo y luego combine ese archivo de trabajo
hint-source-moved = restaure el artículo en esa ruta; si se movió, indíquelo: puente merge --source ARTÍCULO { $path }
arg-merge-source = El artículo fuente, si ya no está donde dice el archivo de trabajo (se movió o cambió de nombre); su suma de verificación debe coincidir

## publish: many stories in one run, the index's archive (issue 15, issue 17)
index-archive = Archivo
index-undated = Sin fecha
# An archive page's month: "noviembre de 2026".
index-month = { $month } de { $year }
err-publish-one-story-flag = { $flag } es de una sola nota, pero { $count ->
    [one] se está publicando 1 archivo de trabajo
   *[other] se están publicando { $count } archivos de trabajo
  }
hint-publish-one-story-flag = publique la nota por separado (puente publish ARTÍCULO ARCHIVO_DE_TRABAJO { $flag } …), o indíquelo en el front matter de cada artículo
publish-many-done = se { $published ->
    [one] publicó 1 nota
   *[other] publicaron { $published } notas
  } en { $dir }{ $drafts ->
    [0] {""}
    [one] {" "}(1 como BORRADOR)
   *[other] {" "}({ $drafts } como BORRADORES)
  }; { $refused ->
    [0] ninguna rechazada
    [one] 1 rechazada
   *[other] { $refused } rechazadas
  }, { $failed ->
    [0] ninguna con error
   *[other] { $failed } con error
  }; el índice se reconstruyó una vez
publish-many-refused = { $file }: { $slug } rechazada
publish-many-nothing = no se publicó nada: el índice quedó como estaba
arg-publish-article-many = El artículo fuente (.md o .txt); o archivos de trabajo (.po, .xlf) y carpetas de ellos, cada uno con el nombre de su artículo: todas las notas se publican en una sola ejecución y el índice se reconstruye una vez
arg-publish-translation-many = Su archivo de trabajo (.po, .xlf), o el artículo ya traducido (por omisión: el archivo de trabajo que escribe segment); o más archivos de trabajo y carpetas

## publish of many stories: one story per slug, one work file per story
err-slug-taken = { $path }: el slug de su nota, { $slug }, es el de { $other }, publicada en esta ejecución; sus páginas reemplazarían las de esa nota
hint-slug-taken = dé a uno de los artículos un slug propio en su front matter (slug: …)
publish-same-story = { $file } traduce la misma nota que { $other }, más reciente: solo se publica { $other }
init-config-kept-hint = se conservó la configuración del proyecto; puente init --force reemplaza { $path } con la plantilla comentada

## many files in one run: segment and merge of folders (issue 17)
err-no-articles = no hay artículos (.md, .txt) en { $path }
err-not-learned = { $merged ->
    [yes] { $file } está combinado, pero la memoria de traducción { $path } no aprendió sus unidades
   *[no] la memoria de traducción { $path } no aprendió las unidades de { $file }
}
hint-not-learned = la memoria no tomó ninguna unidad de este lote; cuando se pueda escribir, añádalas: puente tm add { $file }
many-output = -o nombra un solo archivo, y se { $count ->
    [one] dio una carpeta
   *[other] dieron { $count } entradas
}
hint-many-output = omita -o: cada archivo de trabajo o edición va donde lo pone una ejecución de un solo archivo
many-update = --update reescribe un solo archivo de trabajo, y se { $count ->
    [one] dio una carpeta
   *[other] dieron { $count } entradas
}
hint-many-update = ejecute puente segment ARTÍCULO --update ARCHIVO_DE_TRABAJO una vez por artículo
many-source = --source nombra el artículo de un solo archivo de trabajo, y se { $count ->
    [one] dio una carpeta
   *[other] dieron { $count } entradas
}
hint-many-source = ejecute puente merge --source ARTÍCULO ARCHIVO_DE_TRABAJO una vez por cada artículo movido
segment-many-done = { $articles ->
    [one] 1 artículo segmentado
   *[other] { $articles } artículos segmentados
  }: { $segments ->
    [one] 1 segmento
   *[other] { $segments } segmentos
  }, { $failed ->
    [one] 1 con error
   *[other] { $failed } con error
  }
merge-many-refused = { $path }: { $count ->
    [one] 1 segmento no está listo
   *[other] { $count } segmentos no están listos
  }, no se escribió nada
merge-many-done = { $files ->
    [one] 1 archivo de trabajo combinado
   *[other] { $files } archivos de trabajo combinados
  }: { $written ->
    [one] 1 escrito
   *[other] { $written } escritos
  }, { $refused ->
    [one] 1 rechazado
   *[other] { $refused } rechazados
  }, { $failed ->
    [one] 1 con error
   *[other] { $failed } con error
  }{ $unlearned ->
    [0] {""}
    [one] ; la memoria no aprendió 1 de los escritos
   *[other] ; la memoria no aprendió { $unlearned } de los escritos
  }
tm-add-done = memoria de traducción { $path }: { $units ->
    [one] 1 unidad nueva
   *[other] { $units } unidades nuevas
  } de { $files ->
    [one] 1 archivo de trabajo
   *[other] { $files } archivos de trabajo
  }, { $failed ->
    [one] 1 con error
   *[other] { $failed } con error
  }
arg-segment-articles = Los artículos fuente (.md con front matter, o .txt), o carpetas de ellos
arg-merge-workfiles = Los archivos de trabajo (.po o .xlf), o carpetas de ellos
segment-edition-skipped = { $path } es la edición que merge escribió a partir de { $source }: no se segmenta
translate-many-done = { $files ->
    [one] 1 archivo de trabajo traducido
   *[other] { $files } archivos de trabajo traducidos
  }: { $done ->
    [one] 1 segmento traducido y guardado
   *[other] { $done } segmentos traducidos y guardados
  }, { $left ->
    [one] 1 sin traducir
   *[other] { $left } sin traducir
  }, { $failed ->
    [one] 1 con error
   *[other] { $failed } con error
  }
## Folder runs: progress and Ctrl-C (issue 17)
progress-segment = artículos
progress-merge = archivos de trabajo
progress-publish = artículos
progress-segments = { $segments ->
    [one] 1 segmento
   *[other] { $segments } segmentos
  }
stopping-between = { $signal }: se termina lo que está en curso y no se empieza nada más; pulse Ctrl-C otra vez para detener de inmediato
stopping-after-grace = lo que estaba en curso no terminó en { $seconds } s: se detiene ahora
stopped-between = interrumpido por { $signal }: { $done ->
    [one] 1 terminado
   *[other] { $done } terminados
  }, { $unstarted ->
    [0] no quedaba nada por hacer
    [one] 1 sin empezar; ejecute el mismo comando otra vez para hacer el resto
   *[other] { $unstarted } sin empezar; ejecute el mismo comando otra vez para hacer el resto
  }

## PostgreSQL memory (issue 18)
err-memory-server-down = el servidor de la memoria de traducción { $place } no responde
hint-memory-server-down = compruebe que PostgreSQL funcione ahí y acepte conexiones desde esta máquina, o apunte [tm] url en puente.toml (o PUENTE_TM_URL) al servidor correcto; no se escribió nada
err-memory-server-no-password = el servidor de la memoria de traducción { $place } pide una contraseña y no se dio ninguna
err-memory-server-auth = el servidor de la memoria de traducción { $place } rechazó el usuario o la contraseña
hint-memory-server-password = dé la contraseña en PGPASSWORD, en ~/.pgpass o en la variable que nombra [tm] password_env; nunca se escribe en puente.toml
err-memory-server-no-database = el servidor de la memoria de traducción { $place } no tiene esa base de datos
hint-memory-server-no-database = créela (createdb) o nombre una base de datos existente en la URL
err-memory-server-newer = la memoria de traducción de { $place } la creó un puente más reciente
hint-memory-server-newer = actualice puente en esta máquina para usar esa memoria
err-memory-server = falló el servidor de la memoria de traducción { $place }
err-memory-url = la URL de la memoria de traducción en { $from } no se puede usar: { $reason }
hint-memory-url = escríbala como postgresql://usuario@host:puerto/base, con ?sslmode=require o ?sslmode=verify-full para TLS
memory-url-not-postgres = no es una URL postgresql://
memory-url-no-user = no nombra ningún usuario
memory-url-no-host = no nombra ningún host
memory-url-parameter = puente no usa el parámetro { $name }
memory-url-value = el valor de { $name } no es uno que puente acepte
err-memory-url-password = la URL de la memoria de traducción en { $from } contiene una contraseña
hint-memory-url-password = quite la contraseña de la URL y póngala en PGPASSWORD, en ~/.pgpass o en la variable que nombra [tm] password_env
cfg-password-in-url = { $key } contiene una contraseña, que nunca se guarda en puente.toml
err-memory-password-env = la variable { $name } que nombra [tm] password_env no está definida
hint-memory-password-env = defínala con la contraseña del servidor de la memoria, o quite password_env para usar PGPASSWORD o ~/.pgpass
tm-migrated = memoria de traducción { $from } → { $to }: { $read ->
    [one] 1 unidad leída
   *[other] { $read } unidades leídas
  }, { $added ->
    [one] 1 nueva
   *[other] { $added } nuevas
  }
cmd-tm-migrate = Copia todas las unidades de la memoria en otra: un servidor PostgreSQL o un archivo SQLite
arg-tm-migrate-to = La memoria en la que se copia: una URL postgresql:// o un archivo SQLite
err-memory-server-tls = falló la conexión TLS con el servidor de la memoria de traducción { $place }
hint-memory-server-tls = con sslmode=verify-full el certificado del servidor debe estar firmado por una autoridad de certificación pública, o por la del archivo que nombra sslrootcert, para su nombre de host; sslmode=require cifra sin comprobar el certificado; el servidor debe tener ssl = on

## translation cache on a server (issue 18)
translate-no-cache-server = no se puede usar la caché de traducciones del servidor { $place }: se continúa sin ella
hint-cache-url-password = quite la contraseña de la URL y póngala en PGPASSWORD, en ~/.pgpass o en la variable que nombra [cache] password_env

## memory server CA (issue 18)
err-memory-server-root-cert = no se puede leer el archivo de la autoridad de certificación que nombra sslrootcert para el servidor de la memoria de traducción { $place }
hint-memory-server-root-cert = haga que sslrootcert en la URL nombre un archivo PEM legible con la autoridad de certificación que firmó el certificado del servidor

## tm streaming and lock wait (issue 17)
err-folder-locked = { $path } está bloqueado: otra ejecución de puente publish está usando esa carpeta (se esperó { $seconds ->
    [one] 1 segundo
   *[other] { $seconds } segundos
  })
hint-folder-locked = espere a que termine la otra publicación y vuelva a ejecutar esta; { $var } fija cuántos segundos esperar (ahora { $seconds })
err-bad-seconds = { $setting } = "{ $value }" no es un número de segundos
hint-bad-seconds = escriba un número de segundos, como 60 o 0.5

## XLIFF canResegment="no" (issue 17, reliability)
segment-held = { $count ->
    [one] 1 unidad se conservó tal como estaba: dice canResegment="no" y puente cortaría su texto en otros segmentos, así que merge enumera las oraciones que no contiene
   *[other] { $count } unidades se conservaron tal como estaban: dicen canResegment="no" y puente cortaría su texto en otros segmentos, así que merge enumera las oraciones que no contienen
  }

## a memory that stops learning in a folder merge (issue 17)
hint-not-learned-more = { $count ->
    [one] la memoria tampoco aprendió las unidades de 1 archivo de trabajo más de los de arriba, por la misma causa
   *[other] la memoria tampoco aprendió las unidades de { $count } archivos de trabajo más de los de arriba, por la misma causa
}; cuando se pueda escribir la memoria, añada otra vez las traducciones revisadas de allí (una unidad que ya tiene no cambia nada): { $command }

## publish: archive pages of a bounded size (issue 17)
index-page-previous = Página anterior
index-page-next = Página siguiente
index-page = Página { $page }
