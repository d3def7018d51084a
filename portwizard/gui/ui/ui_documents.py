# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'documents.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QRadioButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_DocumentsPage(object):
    def setupUi(self, DocumentsPage):
        if not DocumentsPage.objectName():
            DocumentsPage.setObjectName(u"DocumentsPage")
        self.page_layout = QVBoxLayout(DocumentsPage)
        self.page_layout.setObjectName(u"page_layout")
        self.loa_box = QGroupBox(DocumentsPage)
        self.loa_box.setObjectName(u"loa_box")
        self.loa_layout = QVBoxLayout(self.loa_box)
        self.loa_layout.setObjectName(u"loa_layout")
        self.loa_intro = QLabel(self.loa_box)
        self.loa_intro.setObjectName(u"loa_intro")
        self.loa_intro.setWordWrap(True)

        self.loa_layout.addWidget(self.loa_intro)

        self.loa_mode_row = QHBoxLayout()
        self.loa_mode_row.setObjectName(u"loa_mode_row")
        self.loa_mode_row.setContentsMargins(0, 0, 0, 0)
        self.loa_mode = QWidget(self.loa_box)
        self.loa_mode.setObjectName(u"loa_mode")
        self.loa_mode_radios = QHBoxLayout(self.loa_mode)
        self.loa_mode_radios.setObjectName(u"loa_mode_radios")
        self.loa_mode_radios.setContentsMargins(0, 0, 0, 0)
        self.loa_sign = QRadioButton(self.loa_mode)
        self.loa_sign.setObjectName(u"loa_sign")

        self.loa_mode_radios.addWidget(self.loa_sign)

        self.loa_print = QRadioButton(self.loa_mode)
        self.loa_print.setObjectName(u"loa_print")

        self.loa_mode_radios.addWidget(self.loa_print)

        self.loa_own = QRadioButton(self.loa_mode)
        self.loa_own.setObjectName(u"loa_own")

        self.loa_mode_radios.addWidget(self.loa_own)


        self.loa_mode_row.addWidget(self.loa_mode)

        self.loa_mode_row_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.loa_mode_row.addItem(self.loa_mode_row_spacer)


        self.loa_layout.addLayout(self.loa_mode_row)

        self.signature_host = QWidget(self.loa_box)
        self.signature_host.setObjectName(u"signature_host")

        self.loa_layout.addWidget(self.signature_host)

        self.loa_buttons = QHBoxLayout()
        self.loa_buttons.setObjectName(u"loa_buttons")
        self.loa_buttons.setContentsMargins(0, 0, 0, 0)
        self.generate_loa = QPushButton(self.loa_box)
        self.generate_loa.setObjectName(u"generate_loa")

        self.loa_buttons.addWidget(self.generate_loa)

        self.save_unsigned = QPushButton(self.loa_box)
        self.save_unsigned.setObjectName(u"save_unsigned")

        self.loa_buttons.addWidget(self.save_unsigned)

        self.choose_loa = QPushButton(self.loa_box)
        self.choose_loa.setObjectName(u"choose_loa")

        self.loa_buttons.addWidget(self.choose_loa)

        self.loa_buttons_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.loa_buttons.addItem(self.loa_buttons_spacer)


        self.loa_layout.addLayout(self.loa_buttons)

        self.loa_status = QLabel(self.loa_box)
        self.loa_status.setObjectName(u"loa_status")
        self.loa_status.setWordWrap(True)

        self.loa_layout.addWidget(self.loa_status)


        self.page_layout.addWidget(self.loa_box)

        self.files_box = QGroupBox(DocumentsPage)
        self.files_box.setObjectName(u"files_box")
        self.files_form = QFormLayout(self.files_box)
        self.files_form.setObjectName(u"files_form")
        self.files_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.documents__invoice_label = QLabel(self.files_box)
        self.documents__invoice_label.setObjectName(u"documents__invoice_label")

        self.files_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.documents__invoice_label)

        self.invoice_row = QHBoxLayout()
        self.invoice_row.setObjectName(u"invoice_row")
        self.invoice_row.setContentsMargins(0, 0, 0, 0)
        self.documents__invoice = QLineEdit(self.files_box)
        self.documents__invoice.setObjectName(u"documents__invoice")

        self.invoice_row.addWidget(self.documents__invoice)

        self.choose_invoice = QPushButton(self.files_box)
        self.choose_invoice.setObjectName(u"choose_invoice")

        self.invoice_row.addWidget(self.choose_invoice)


        self.files_form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.invoice_row)

        self.documents__csr_label = QLabel(self.files_box)
        self.documents__csr_label.setObjectName(u"documents__csr_label")

        self.files_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.documents__csr_label)

        self.csr_row = QHBoxLayout()
        self.csr_row.setObjectName(u"csr_row")
        self.csr_row.setContentsMargins(0, 0, 0, 0)
        self.documents__csr = QLineEdit(self.files_box)
        self.documents__csr.setObjectName(u"documents__csr")

        self.csr_row.addWidget(self.documents__csr)

        self.choose_csr = QPushButton(self.files_box)
        self.choose_csr.setObjectName(u"choose_csr")

        self.csr_row.addWidget(self.choose_csr)


        self.files_form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.csr_row)


        self.page_layout.addWidget(self.files_box)

        self.document_findings = QLabel(DocumentsPage)
        self.document_findings.setObjectName(u"document_findings")
        self.document_findings.setWordWrap(True)
        self.document_findings.setTextFormat(Qt.TextFormat.RichText)

        self.page_layout.addWidget(self.document_findings)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page_layout.addItem(self.bottom_spacer)

#if QT_CONFIG(shortcut)
        self.documents__invoice_label.setBuddy(self.documents__invoice)
        self.documents__csr_label.setBuddy(self.documents__csr)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.loa_sign, self.loa_print)
        QWidget.setTabOrder(self.loa_print, self.loa_own)
        QWidget.setTabOrder(self.loa_own, self.generate_loa)
        QWidget.setTabOrder(self.generate_loa, self.save_unsigned)
        QWidget.setTabOrder(self.save_unsigned, self.choose_loa)
        QWidget.setTabOrder(self.choose_loa, self.documents__invoice)
        QWidget.setTabOrder(self.documents__invoice, self.choose_invoice)
        QWidget.setTabOrder(self.choose_invoice, self.documents__csr)
        QWidget.setTabOrder(self.documents__csr, self.choose_csr)

        self.retranslateUi(DocumentsPage)

        QMetaObject.connectSlotsByName(DocumentsPage)
    # setupUi

    def retranslateUi(self, DocumentsPage):
        self.loa_box.setTitle(QCoreApplication.translate("DocumentsPage", u"Letter of Authorization (LOA)", None))
        self.loa_intro.setText(QCoreApplication.translate("DocumentsPage", u"The LOA is your signed permission to move the numbers. We fill it in from your answers.", None))
#if QT_CONFIG(accessibility)
        self.loa_mode.setAccessibleName(QCoreApplication.translate("DocumentsPage", u"How do you want to sign the LOA?", None))
#endif // QT_CONFIG(accessibility)
        self.loa_sign.setText(QCoreApplication.translate("DocumentsPage", u"Sign on &screen", None))
#if QT_CONFIG(accessibility)
        self.loa_sign.setAccessibleName(QCoreApplication.translate("DocumentsPage", u"Sign on screen", None))
#endif // QT_CONFIG(accessibility)
        self.loa_print.setText(QCoreApplication.translate("DocumentsPage", u"&Print, sign and scan", None))
#if QT_CONFIG(accessibility)
        self.loa_print.setAccessibleName(QCoreApplication.translate("DocumentsPage", u"Print, sign and scan", None))
#endif // QT_CONFIG(accessibility)
        self.loa_own.setText(QCoreApplication.translate("DocumentsPage", u"Use &my own LOA", None))
#if QT_CONFIG(accessibility)
        self.loa_own.setAccessibleName(QCoreApplication.translate("DocumentsPage", u"Use my own LOA", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.signature_host.setAccessibleName(QCoreApplication.translate("DocumentsPage", u"Signature area", None))
#endif // QT_CONFIG(accessibility)
        self.generate_loa.setText(QCoreApplication.translate("DocumentsPage", u"Create signed &LOA", None))
#if QT_CONFIG(accessibility)
        self.generate_loa.setAccessibleName(QCoreApplication.translate("DocumentsPage", u"Create the signed Letter of Authorization", None))
#endif // QT_CONFIG(accessibility)
        self.save_unsigned.setText(QCoreApplication.translate("DocumentsPage", u"Sa&ve the LOA to print\u2026", None))
#if QT_CONFIG(accessibility)
        self.save_unsigned.setAccessibleName(QCoreApplication.translate("DocumentsPage", u"Save an unsigned LOA to print", None))
#endif // QT_CONFIG(accessibility)
        self.choose_loa.setText(QCoreApplication.translate("DocumentsPage", u"Attach signed LO&A\u2026", None))
#if QT_CONFIG(accessibility)
        self.choose_loa.setAccessibleName(QCoreApplication.translate("DocumentsPage", u"Attach a signed LOA file", None))
#endif // QT_CONFIG(accessibility)
        self.loa_status.setText("")
        self.files_box.setTitle(QCoreApplication.translate("DocumentsPage", u"Bill and records", None))
        self.documents__invoice_label.setText(QCoreApplication.translate("DocumentsPage", u"Latest b&ill (PDF or photo):", None))
#if QT_CONFIG(accessibility)
        self.documents__invoice.setAccessibleName(QCoreApplication.translate("DocumentsPage", u"Latest bill file", None))
#endif // QT_CONFIG(accessibility)
        self.choose_invoice.setText(QCoreApplication.translate("DocumentsPage", u"Choose\u2026", None))
#if QT_CONFIG(accessibility)
        self.choose_invoice.setAccessibleName(QCoreApplication.translate("DocumentsPage", u"Choose the bill file", None))
#endif // QT_CONFIG(accessibility)
        self.documents__csr_label.setText(QCoreApplication.translate("DocumentsPage", u"&CSR (optional):", None))
#if QT_CONFIG(accessibility)
        self.documents__csr.setAccessibleName(QCoreApplication.translate("DocumentsPage", u"Customer Service Record file", None))
#endif // QT_CONFIG(accessibility)
        self.choose_csr.setText(QCoreApplication.translate("DocumentsPage", u"Choose\u2026", None))
#if QT_CONFIG(accessibility)
        self.choose_csr.setAccessibleName(QCoreApplication.translate("DocumentsPage", u"Choose the CSR file", None))
#endif // QT_CONFIG(accessibility)
        self.document_findings.setText("")
        pass
    # retranslateUi

